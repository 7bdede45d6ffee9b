import Foundation
import Testing
import TicketGateCore
import TicketGateStore

/// Both stores: one transaction per accepted event, leases on claimed deliveries, and recovery; the SQLite
/// store alone serves one process.
@Suite struct EventStoreTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func accepted(_ id: String, outcome: Decision.Outcome = .deliver(.form())) -> AcceptedEvent {
        let audit = [AuditRecord(stage: .received, at: start, summary: "received"), AuditRecord(stage: .decided, at: start, summary: "decided")]
        return .form(id, at: start, outcome: outcome, audit: audit)
    }

    @Test(arguments: StoreKind.available)
    func acceptWritesEventDeliveryAndAuditTogether(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.accept(accepted("e1"))
            _ = try await store.accept(accepted("e2", outcome: .drop(rule: "spam", reason: "spam")))
            #expect(try await store.counts() == StoreCounts(events: 2, deliveries: 1, auditRecords: 4))

            let report = try #require(try await store.report(for: EventID(rawValue: "e1")))
            #expect(report.event.sender.email == "a@b.co")
            #expect(report.deliveries.map(\.status) == [.pending])
            #expect(report.audit.map(\.record.summary) == ["received", "decided"])
            #expect(try await store.report(for: EventID(rawValue: "missing")) == nil)
            #expect(try await store.event(EventID(rawValue: "e1")) == report.event)
            #expect(try await store.event(EventID(rawValue: "missing")) == nil)
        }
    }

    /// A claimed delivery carries its event's stored files, in the order they came, and only its own.
    @Test(arguments: StoreKind.available)
    func claimedDeliveriesCarryTheirEventsFilesInOrder(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let files: [String: [TicketGateCore.Attachment]] = [
                "e1": [
                    TicketGateCore.Attachment(name: "b.txt", contentType: "text/plain", data: Array("second".utf8)),
                    TicketGateCore.Attachment(name: "a.pdf", contentType: "application/pdf", data: [0, 1, 2]),
                ],
                "e2": [],
                "e3": [TicketGateCore.Attachment(name: "c.png", contentType: "image/png", data: [9])],
            ]
            for id in files.keys.sorted() {
                var event = accepted(id)
                event.event.attachments = files[id] ?? []
                _ = try await store.accept(event)
            }
            let jobs = try await store.claimDueDeliveries(now: start.addingTimeInterval(1), limit: 10, leaseUntil: start.addingTimeInterval(60))
            #expect(jobs.count == 3)
            for job in jobs {
                let expected = files[job.eventID.rawValue] ?? []
                #expect(job.files.map(\.name) == expected.map(\.name), "\(job.eventID)")
                #expect(job.files.map(\.data) == expected.map(\.data), "\(job.eventID)")
            }
        }
    }

    @Test(arguments: StoreKind.available)
    func aFailedAcceptLeavesNothingBehind(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.accept(accepted("e1"))
            await #expect(throws: (any Error).self) { try await store.accept(accepted("e1")) }
            #expect(try await store.counts() == StoreCounts(events: 1, deliveries: 1, auditRecords: 2))
        }
    }

    /// Events accepted at once share transactions, yet each has its own outcome: a duplicate within the same
    /// batch is found, and an event that cannot be stored fails alone.
    @Test(arguments: StoreKind.available)
    func eventsAcceptedTogetherAreStoredTogetherWithTheirOwnOutcomes(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.accept(accepted("taken"))
            var twins = [accepted("twin-1"), accepted("twin-2")]
            for index in twins.indices { twins[index].dedupeKey = "signature:abc" }
            let batch = (0..<200).map { accepted("e\($0)") } + twins + [accepted("taken")]
            let outcomes = await withTaskGroup(of: (String, Result<AcceptOutcome, any Error>).self) { group in
                for item in batch {
                    group.addTask { [store] in
                        do { return (item.event.id.rawValue, .success(try await store.accept(item))) } catch {
                            return (item.event.id.rawValue, .failure(error))
                        }
                    }
                }
                return await group.reduce(into: [(String, Result<AcceptOutcome, any Error>)]()) { $0.append($1) }
            }
            let stored = outcomes.filter { if case .success(.stored) = $0.1 { true } else { false } }.map(\.0)
            let duplicates = outcomes.filter { if case .success(.duplicate) = $0.1 { true } else { false } }
            let failed = outcomes.filter { if case .failure = $0.1 { true } else { false } }.map(\.0)
            #expect(stored.count == 201)
            #expect(duplicates.count == 1)
            #expect(failed == ["taken"])
            #expect(try await store.counts() == StoreCounts(events: 202, deliveries: 202, auditRecords: 404))
        }
    }

    @Test(arguments: StoreKind.available)
    func aClaimedDeliveryIsLeasedUntilItsLeaseEnds(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.accept(accepted("e1"))
            let first = try await store.claimDueDeliveries(now: start, limit: 10, leaseUntil: start.addingTimeInterval(60))
            #expect(first.map(\.attempt) == [1])
            #expect(
                try await store.claimDueDeliveries(now: start.addingTimeInterval(30), limit: 10, leaseUntil: start.addingTimeInterval(90)).isEmpty)
            let afterLease = try await store.claimDueDeliveries(
                now: start.addingTimeInterval(61), limit: 10, leaseUntil: start.addingTimeInterval(120))
            #expect(afterLease.map(\.attempt) == [2])
        }
    }

    @Test(arguments: StoreKind.available)
    func progressIsKeptAndARetryWaitsForItsTime(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.accept(accepted("e1"))
            let job = try #require(try await store.claimDueDeliveries(now: start, limit: 1, leaseUntil: start.addingTimeInterval(60)).first)
            let refs = VendorRefs(clientID: "12")
            try await store.saveProgress(
                deliveryID: job.id, eventID: job.eventID, claim: job.claim, refs: refs,
                audit: [AuditRecord(stage: .vendorCall, at: start, summary: "GET")])
            let failure = DeliveryFailure(.serverError, "503")
            try await store.finishAttempt(
                deliveryID: job.id, eventID: job.eventID, claim: job.claim, result: .retry(at: start.addingTimeInterval(10), failure), audit: [])

            #expect(try await store.claimDueDeliveries(now: start.addingTimeInterval(9), limit: 1, leaseUntil: start.addingTimeInterval(60)).isEmpty)
            let retry = try #require(
                try await store.claimDueDeliveries(now: start.addingTimeInterval(10), limit: 1, leaseUntil: start.addingTimeInterval(70)).first)
            #expect(retry.refs == refs)
            #expect(retry.attempt == 2)

            let report = try #require(try await store.report(for: job.eventID))
            #expect(report.deliveries.first?.lastFailure == failure)
            #expect(report.audit.last?.deliveryID == job.id)
        }
    }

    /// Events accepted at the same moment (on PostgreSQL, in statements they share) each get their own answer:
    /// stored with its delivery and audit, a repeat naming the copy stored first (also when both copies arrive
    /// together), or refused alone (its id is taken).
    @Test(arguments: StoreKind.available)
    func eventsAcceptedAtOnceEachGetTheirOwnAnswer(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.accept(accepted("taken"))
            var events = (0..<30).map { accepted("e\($0)") }
            for copy in ["copy-1", "copy-2"] {
                var event = accepted(copy)
                event.dedupeKey = "provider-event-9"
                events.append(event)
            }
            var refused = accepted("taken")
            refused.dedupeKey = "another-provider-event"
            events.append(refused)
            let answers = try await withThrowingTaskGroup(of: (String, AcceptOutcome?).self) { group in
                for event in events {
                    group.addTask { (event.event.id.rawValue, try? await store.accept(event)) }
                }
                return try await group.reduce(into: [String: AcceptOutcome?]()) { $0[$1.0] = $1.1 }
            }
            for index in 0..<30 {
                #expect(answers["e\(index)"] == .stored)
            }
            let copies = [answers["copy-1"], answers["copy-2"]]
            let first = copies[0] == .stored ? "copy-1" : "copy-2"
            #expect(copies.filter { $0 == .stored }.count == 1)
            #expect(copies.contains(.duplicate(of: EventID(rawValue: first))))
            #expect(answers["taken"] == .some(nil), "the event whose id is taken is refused")
            // Each stored event has its delivery and audit; nothing of the refused or repeated ones is kept.
            #expect(try await store.counts() == StoreCounts(events: 32, deliveries: 32, auditRecords: 64))
        }
    }

    /// Attempts recording at the same moment (on PostgreSQL, in statements they share) each keep their own
    /// progress, outcome and audit; the write the database refuses (its audit names an event that does not
    /// exist) fails alone and changes nothing.
    @Test(arguments: StoreKind.available)
    func attemptsRecordingAtOnceEachKeepTheirOwnOutcome(kind: StoreKind) async throws {
        try await kind.withStore { store in
            for index in 0..<40 { _ = try await store.accept(accepted("e\(index)")) }
            let jobs = try await store.claimDueDeliveries(now: start, limit: 40, leaseUntil: start.addingTimeInterval(60))
            #expect(jobs.count == 40)
            let refusedIndex = 7
            let start = start
            let refused = try await withThrowingTaskGroup(of: Int.self) { group in
                for (index, job) in jobs.enumerated() {
                    group.addTask {
                        let audit = [AuditRecord(stage: .vendorCall, at: start, summary: "call \(index)")]
                        guard index != refusedIndex else {
                            let missing = EventID(rawValue: "no-such-event")
                            do {
                                try await store.saveProgress(
                                    deliveryID: job.id, eventID: missing, claim: job.claim, refs: VendorRefs(clientID: "x"), audit: audit)
                            } catch {
                                return 1
                            }
                            return 0
                        }
                        try await store.saveProgress(
                            deliveryID: job.id, eventID: job.eventID, claim: job.claim, refs: VendorRefs(clientID: "\(index)"), audit: audit)
                        let result: DeliveryResult =
                            index.isMultiple(of: 2)
                            ? .delivered(VendorRefs(clientID: "\(index)", ticketID: "t\(index)"))
                            : .retry(at: start.addingTimeInterval(10), DeliveryFailure(.serverError, "503"))
                        try await store.finishAttempt(deliveryID: job.id, eventID: job.eventID, claim: job.claim, result: result, audit: [])
                        return 0
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(refused == 1)
            for (index, job) in jobs.enumerated() {
                let report = try #require(try await store.report(for: job.eventID))
                let delivery = try #require(report.deliveries.first)
                let calls = report.audit.filter { $0.record.stage == .vendorCall }.map(\.record.summary)
                if index == refusedIndex {
                    #expect(delivery.refs == VendorRefs() && calls.isEmpty, "the refused write changed nothing")
                    continue
                }
                #expect(delivery.status == (index.isMultiple(of: 2) ? .delivered : .pending))
                #expect(delivery.refs.clientID == "\(index)")
                #expect(delivery.refs.ticketID == (index.isMultiple(of: 2) ? "t\(index)" : nil))
                #expect(calls == ["call \(index)"])
            }
        }
    }

    @Test(arguments: StoreKind.available)
    func finishedDeliveriesAreNeverClaimedAgain(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.accept(accepted("e1"))
            let job = try #require(try await store.claimDueDeliveries(now: start, limit: 1, leaseUntil: start.addingTimeInterval(60)).first)
            try await store.finishAttempt(
                deliveryID: job.id, eventID: job.eventID, claim: job.claim, result: .delivered(VendorRefs(ticketID: "7")), audit: [])
            #expect(
                try await store.claimDueDeliveries(now: start.addingTimeInterval(3600), limit: 1, leaseUntil: start.addingTimeInterval(3700)).isEmpty)
            #expect(try await store.report(for: job.eventID)?.deliveries.first?.refs.ticketID == "7")
        }
    }

    /// SQLite's one serving process releases its last run's leases at start; on PostgreSQL another instance
    /// may hold them, so they run out instead and the row is claimed again after its lease.
    @Test(arguments: StoreKind.available)
    func interruptedAttemptsAreTriedAgain(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.accept(accepted("e1"))
            _ = try await store.claimDueDeliveries(now: start, limit: 1, leaseUntil: start.addingTimeInterval(3600))
            switch kind {
            case .sqlite:
                #expect(try await store.releaseInterruptedAttempts() == 1)
                #expect(try await store.claimDueDeliveries(now: start, limit: 1, leaseUntil: start.addingTimeInterval(60)).count == 1)
            case .postgres:
                #expect(try await store.releaseInterruptedAttempts() == 0)
                #expect(try await store.claimDueDeliveries(now: start, limit: 1, leaseUntil: start.addingTimeInterval(60)).isEmpty)
                let later = start.addingTimeInterval(3600)
                #expect(try await store.claimDueDeliveries(now: later, limit: 1, leaseUntil: later.addingTimeInterval(60)).count == 1)
            }
        }
    }

    @Test func onlyOneServingProcessPerDatabase() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteEventStore(path: directory.file("data/store.sqlite"), serving: true)
        #expect(throws: StoreError.self) { try SQLiteEventStore(path: directory.file("data/store.sqlite"), serving: true) }
        // Readers, such as `ticketgate events show`, do not need the lock.
        _ = try SQLiteEventStore(path: directory.file("data/store.sqlite"), serving: false)
        withExtendedLifetime(store) {}
    }
}
