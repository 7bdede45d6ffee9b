import Foundation
import Logging
import PostgresNIO
import Testing
import TicketGateCore

@testable import TicketGateStorePostgres

/// Group commit on PostgreSQL made certain instead of likely: the test locks the event table so that the two
/// statements the store may write at once wait, lets thirty-one more events queue behind them, and then lets go.
/// The queued events share one statement, and the one it refuses (its id is taken) fails alone.
@Suite(.enabled(if: PostgresServer.isAvailable, PostgresServer.skipReason))
struct PostgresGroupCommitTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func queuedEventsShareAStatementAndTheOneItRefusesFailsAlone() async throws {
        let location = try await PostgresServer.makeDatabase()
        let store = try await PostgresEventStore(location: location, logger: Logger(label: "group-commit-test"))
        defer { Task { await store.close() } }
        _ = try await store.accept(.form("taken", at: start))
        var refused = AcceptedEvent.form("taken", at: start)
        refused.dedupeKey = "another-provider-event"
        let queued = (0..<30).map { AcceptedEvent.form("e\($0)", at: start) } + [refused]
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
        #expect(answers.last == .some(nil), "the event whose id is taken is refused")
        #expect(try await store.counts() == StoreCounts(events: 33, deliveries: 33, auditRecords: 0))
    }
}
