import Foundation
import Logging
import Testing
import TicketGateCore
import TicketGateStorePostgres

/// Two stores on one PostgreSQL database, as two instances hold them: a provider event stored once, no
/// delivery claimed twice, and an instance that lost its lease unable to record over the one that took it.
@Suite(.enabled(if: PostgresServer.isAvailable, PostgresServer.skipReason))
struct SharedPostgresStoreTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func accepted(_ id: String, dedupeKey: String? = nil) -> AcceptedEvent {
        var accepted = AcceptedEvent.form(id, at: start, outcome: .deliver(.form()), audit: [AuditRecord(stage: .received, at: start, summary: "r")])
        accepted.dedupeKey = dedupeKey
        return accepted
    }

    @Test func theSameProviderEventAtBothInstancesAtOnceIsStoredOnce() async throws {
        try await PostgresServer.withTwoStores { first, second in
            for round in 0..<20 {
                let key = "provider:\(round)"
                async let one = first.accept(accepted("a\(round)", dedupeKey: key))
                async let two = second.accept(accepted("b\(round)", dedupeKey: key))
                let outcomes = try await [one, two]
                let stored = outcomes.filter { $0 == .stored }.count
                let duplicateOf = outcomes.compactMap { if case .duplicate(let id) = $0 { id.rawValue } else { nil } }
                #expect(stored == 1, "round \(round): \(outcomes)")
                #expect(duplicateOf.count == 1 && ["a\(round)", "b\(round)"].contains(duplicateOf[0]), "round \(round): \(outcomes)")
            }
            #expect(try await first.counts() == StoreCounts(events: 20, deliveries: 20, auditRecords: 20))
        }
    }

    /// A repeat whose first copy commits while the repeat waits for it: the one-statement accept's snapshot is
    /// older than that commit, so it sees neither a row of its own nor the first; it looks the first up after
    /// the wait, and names it.
    @Test func aRepeatThatWaitedForItsFirstCopyToCommitNamesIt() async throws {
        try await PostgresServer.withTwoStoresAndTheirDatabase { location, _, second in
            let logger = Logger(label: "repeat-test")
            let accepting = try await PostgresServer.withClient(location) { client in
                try await client.withTransaction(logger: logger) { holder in
                    try await holder.query(
                        """
                        INSERT INTO event (id, source, kind, format, received_at, dedupe_key, outcome, event, decision, raw_body)
                        VALUES ('first', 'web', 'form', 'generic', 0, 'provider:1', 'drop', '{}', '{}', ''::bytea)
                        """, logger: logger)
                    let accepting = Task { try await second.accept(accepted("repeat", dedupeKey: "provider:1")) }
                    // The repeat's insert waits for this transaction, which holds the key it conflicts with.
                    try await client.waitForLockWaiters(atLeast: 1, logger: logger)
                    return accepting
                }
            }
            #expect(try await accepting.value == .duplicate(of: EventID(rawValue: "first")))
            #expect(try await second.counts().events == 1)
        }
    }

    @Test func twoInstancesClaimingTogetherNeverTakeOneDeliveryTwice() async throws {
        try await PostgresServer.withTwoStores { first, second in
            for index in 0..<200 { _ = try await first.accept(accepted("e\(index)")) }
            let lease = start.addingTimeInterval(60)
            let claimed = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for store in [first, second, first, second] {
                    group.addTask {
                        var ids: [Int64] = []
                        while true {
                            let jobs = try await store.claimDueDeliveries(now: start, limit: 7, leaseUntil: lease)
                            if jobs.isEmpty { return ids }
                            ids += jobs.map(\.id)
                        }
                    }
                }
                return try await group.reduce(into: [Int64]()) { $0 += $1 }
            }
            #expect(claimed.count == 200)
            #expect(Set(claimed).count == 200)
        }
    }

    @Test func anInstanceThatLostItsLeaseRecordsNothing() async throws {
        try await PostgresServer.withTwoStores { first, second in
            _ = try await first.accept(accepted("e1"))
            let stale = try #require(try await first.claimDueDeliveries(now: start, limit: 1, leaseUntil: start.addingTimeInterval(60)).first)
            // The lease ran out; the other instance takes the row over.
            let later = start.addingTimeInterval(61)
            let current = try #require(try await second.claimDueDeliveries(now: later, limit: 1, leaseUntil: later.addingTimeInterval(60)).first)
            #expect(stale.claim != nil && current.claim != nil && stale.claim != current.claim)

            try await first.saveProgress(
                deliveryID: stale.id, eventID: stale.eventID, claim: stale.claim, refs: VendorRefs(ticketID: "stale"),
                audit: [AuditRecord(stage: .vendorCall, at: later, summary: "stale progress")])
            try await first.finishAttempt(
                deliveryID: stale.id, eventID: stale.eventID, claim: stale.claim, result: .dead(DeliveryFailure(.serverError, "stale")),
                audit: [AuditRecord(stage: .dead, at: later, summary: "stale end")])
            var report = try #require(try await second.report(for: stale.eventID))
            #expect(report.deliveries.map(\.status) == [.pending])
            #expect(!report.audit.contains { $0.record.summary.hasPrefix("stale") })

            try await second.finishAttempt(
                deliveryID: current.id, eventID: current.eventID, claim: current.claim, result: .delivered(VendorRefs(ticketID: "9")),
                audit: [AuditRecord(stage: .delivered, at: later, summary: "delivered")])
            report = try #require(try await first.report(for: stale.eventID))
            #expect(report.deliveries.map(\.status) == [.delivered])
            #expect(report.deliveries.first?.refs.ticketID == "9")
            #expect(report.audit.map(\.record.summary) == ["r", "delivered"])
        }
    }

    @Test func rotationsTakeTurnsAcrossInstances() async throws {
        try await PostgresServer.withTwoStores { first, second in
            let rotation = AssigneeRotation(key: "team", pool: [1, 2, 3])
            var turns: [Int] = []
            for index in 0..<6 {
                turns.append(try await (index.isMultiple(of: 2) ? first : second).nextAssignee(in: rotation))
            }
            #expect(turns == [1, 2, 3, 1, 2, 3])
        }
    }
}
