import Foundation
import Logging
import PostgresNIO
import Testing
import TicketGateCore

@testable import TicketGateStore
@testable import TicketGateStorePostgres

/// Retention on both stores: raw bodies and files go first, events later, and nothing a pending delivery
/// needs; on PostgreSQL one instance prunes at a time.
@Suite(.timeLimit(.minutes(1))) struct PruneStoreTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: StoreKind.available) func oldRawBodiesAndEventsGoButWhatAPendingDeliveryNeedsStays(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.accept(.form("pending", at: start))
            _ = try await store.accept(.form("unrouted", at: start, outcome: .unrouted(reason: "none")))
            _ = try await store.accept(.form("recent", at: start.addingTimeInterval(3600), outcome: .unrouted(reason: "none")))
            let rawOnly = RetentionCutoffs(rawBefore: start.addingTimeInterval(1), eventsBefore: start.addingTimeInterval(-1))
            #expect(try await store.prune(rawOnly) == PruneResult(rawBodies: 2, events: 0))
            #expect(try await store.prune(rawOnly) == PruneResult(rawBodies: 0, events: 0), "a raw body is cleared once")
            let events = RetentionCutoffs(rawBefore: start.addingTimeInterval(1), eventsBefore: start.addingTimeInterval(1))
            #expect(try await store.prune(events) == PruneResult(rawBodies: 0, events: 1))
            let kept = try await store.listEvents(EventQuery()).events.map(\.id.rawValue).sorted()
            #expect(kept == ["pending", "recent"])
        }
    }

    /// An instance that finds another pruning (its advisory lock held) removes nothing this round.
    @Test(.enabled(if: PostgresServer.isAvailable, PostgresServer.skipReason))
    func anInstanceThatFindsAnotherPruningRemovesNothing() async throws {
        try await PostgresServer.withTwoStoresAndTheirDatabase { location, store, _ in
            _ = try await store.accept(.form("old", at: start, outcome: .unrouted(reason: "none")))
            let cutoffs = RetentionCutoffs(rawBefore: start.addingTimeInterval(1), eventsBefore: start.addingTimeInterval(1))
            let logger = Logger(label: "prune-test")
            try await PostgresServer.withClient(location) { client in
                try await client.withConnection { other in
                    _ = try await other.query(PostgresQuery(unsafeSQL: "SELECT pg_advisory_lock(\(PostgresDialect.pruneLockKey))"), logger: logger)
                    #expect(try await store.prune(cutoffs) == PruneResult(rawBodies: 0, events: 0))
                    _ = try await other.query(PostgresQuery(unsafeSQL: "SELECT pg_advisory_unlock(\(PostgresDialect.pruneLockKey))"), logger: logger)
                }
            }
            #expect(try await store.prune(cutoffs) == PruneResult(rawBodies: 1, events: 1))
        }
    }
}

extension SQLiteEventStore {
    /// The bytes of an event's posted attachments, in the order the event lists them.
    func attachmentData(for id: EventID) async throws -> [[UInt8]] {
        try await writer.read { db in
            try Data.fetchAll(db, sql: "SELECT data FROM attachment WHERE event_id = ? ORDER BY position", arguments: [id.rawValue]).map {
                [UInt8]($0)
            }
        }
    }
}
