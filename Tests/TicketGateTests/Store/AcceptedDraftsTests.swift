import Foundation
import Testing
import TicketGateCore

@testable import TicketGateStore

/// A claim takes the draft its event was accepted with instead of decoding the row's JSON; only committed
/// outbox rows leave a draft, and a claim without one decodes the row.
@Suite struct AcceptedDraftsTests {
    let directory: TemporaryDirectory
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    init() throws {
        directory = try TemporaryDirectory()
    }

    func accepted(_ id: String, subject: String = "s") -> AcceptedEvent {
        .form(id, at: start, outcome: .deliver(.form(subject: subject, tags: ["web"], brand: 3)))
    }

    func claim(_ store: SQLiteEventStore) async throws -> [DeliveryJob] {
        try await store.claimDueDeliveries(now: start, limit: 10, leaseUntil: start.addingTimeInterval(60))
    }

    @Test func aClaimTakesTheDraftItsEventWasAcceptedWith() async throws {
        let store = try SQLiteEventStore(path: directory.file("store.sqlite"), serving: true)
        _ = try await store.accept(accepted("e1", subject: "first"))
        #expect(store.acceptedDrafts.count == 1)
        let jobs = try await claim(store)
        #expect(jobs.map(\.draft) == [accepted("e1", subject: "first").decision.draft])
        #expect(store.acceptedDrafts.count == 0)
    }

    @Test func aClaimWithoutAKeptDraftDecodesTheRowToTheSameJob() async throws {
        let path = directory.file("store.sqlite")
        do {
            let first = try SQLiteEventStore(path: path, serving: true)
            _ = try await first.accept(accepted("e1", subject: "first"))
        }
        let reopened = try SQLiteEventStore(path: path, serving: true)
        #expect(reopened.acceptedDrafts.count == 0)
        let jobs = try await claim(reopened)
        #expect(jobs.map(\.draft) == [accepted("e1", subject: "first").decision.draft])
        #expect(jobs.map(\.refs) == [VendorRefs()])
    }

    @Test func onlyCommittedDeliveriesLeaveADraft() async throws {
        let store = try SQLiteEventStore(path: directory.file("store.sqlite"), serving: true)
        _ = try await store.accept(accepted("e1"))
        await #expect(throws: (any Error).self) { try await store.accept(accepted("e1", subject: "again")) }
        var twin = accepted("e2")
        twin.dedupeKey = "k"
        _ = try await store.accept(twin)
        twin.event.id = EventID(rawValue: "e3")
        #expect(try await store.accept(twin) == .duplicate(of: EventID(rawValue: "e2")))
        #expect(store.acceptedDrafts.count == 2)
        #expect(try await claim(store).map(\.draft.subject) == ["s", "s"])
    }

    /// Drafts no claim takes make room for newer ones: the oldest go first.
    @Test func keepsAtMostItsLimitTheOldestGoingFirst() {
        let drafts = AcceptedDrafts()
        let draft = accepted("e").decision.draft!
        for id in 0..<Int64(AcceptedDrafts.limit + 10) { drafts.keep(draft, for: id) }
        #expect(drafts.count == AcceptedDrafts.limit)
        #expect(drafts.take(9) == nil)
        #expect(drafts.take(10) == draft)
        #expect(drafts.take(Int64(AcceptedDrafts.limit + 9)) == draft)
        #expect(drafts.count == AcceptedDrafts.limit - 2)
    }
}
