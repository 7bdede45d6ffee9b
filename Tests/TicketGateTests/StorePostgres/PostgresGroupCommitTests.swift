import Foundation
import Logging
import PostgresNIO
import Testing
import TicketGateCore

@testable import TicketGateStorePostgres

/// Group commit on PostgreSQL made certain instead of likely: the test locks the event table so that the two
/// statements the store may write at once wait, lets thirty-two more events queue behind them, and then lets go.
/// The queued events share one statement: the repeat among them names the event it repeats, and the one it
/// refuses (its id is taken) fails alone.
@Suite(.enabled(if: PostgresServer.isAvailable, PostgresServer.skipReason))
struct PostgresGroupCommitTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func queuedEventsShareAStatementAndTheOneItRefusesFailsAlone() async throws {
        let location = try await PostgresServer.makeDatabase()
        let store = try await PostgresEventStore(location: location, logger: Logger(label: "group-commit-test"))
        try await store.whileRunning {
            _ = try await store.accept(.form("taken", at: start))
            var first = AcceptedEvent.form("first-copy", at: start)
            first.dedupeKey = "provider-event-1"
            _ = try await store.accept(first)
            var refused = AcceptedEvent.form("taken", at: start)
            refused.dedupeKey = "another-provider-event"
            var repeated = AcceptedEvent.form("second-copy", at: start)
            repeated.dedupeKey = "provider-event-1"
            let queued = (0..<30).map { AcceptedEvent.form("e\($0)", at: start) } + [repeated, refused]
            let logger = Logger(label: "group-commit-test")
            let accepting = try await PostgresServer.withClient(location) { client in
                try await client.withTransaction(logger: logger) { holder in
                    try await holder.query("LOCK TABLE event IN ACCESS EXCLUSIVE MODE", logger: logger)
                    // One at a time, so that each is a statement of its own, waiting for the lock.
                    let first = Task { try await store.accept(.form("b1", at: start)) }
                    try await withTimeout { try await client.waitForLockWaiters(atLeast: 1, logger: logger) }
                    let second = Task { try await store.accept(.form("b2", at: start)) }
                    try await withTimeout { try await client.waitForLockWaiters(atLeast: 2, logger: logger) }
                    let rest = queued.map { event in Task { try? await store.accept(event) } }
                    try await withTimeout {
                        while store.accepts.waitingCount < queued.count {
                            try Task.checkCancellation()
                            await Task.yield()
                        }
                    }
                    return (first, second, rest)
                }
            }
            #expect(try await accepting.0.value == .stored)
            #expect(try await accepting.1.value == .stored)
            var answers: [AcceptOutcome?] = []
            for task in accepting.2 { answers.append(await task.value) }
            #expect(answers.prefix(30).allSatisfy { $0 == .stored })
            #expect(answers[30] == .duplicate(of: EventID(rawValue: "first-copy")))
            #expect(answers.last == .some(nil), "the event whose id is taken is refused")
            #expect(try await store.counts() == StoreCounts(events: 34, deliveries: 34, auditRecords: 0))
        }
    }
}
