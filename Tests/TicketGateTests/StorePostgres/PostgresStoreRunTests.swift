import Foundation
import Testing
import TicketGateCore
import TicketGateStorePostgres

/// The PostgreSQL store's connections live while its `run()` does: an operation asked before waits for the
/// pools to run (never asking a pool that does not run yet), and one asked after fails at once.
@Suite(.enabled(if: PostgresServer.isAvailable, PostgresServer.skipReason), .timeLimit(.minutes(1)))
struct PostgresStoreRunTests {
    @Test func anOperationAskedBeforeTheStoreRunsWaitsForItAndOneAfterItStoppedFails() async throws {
        let logs = LogRecorder()
        let store = try await PostgresEventStore(location: try await PostgresServer.makeDatabase(), logger: logs.logger)
        let (asked, asking) = AsyncStream.makeStream(of: Void.self)
        let counts = try await withThrowingTaskGroup(of: StoreCounts.self) { group in
            group.addTask {
                asking.yield()
                return try await store.counts()
            }
            for await _ in asked { break }
            let counts = try await store.whileRunning { try await group.next() }
            return try #require(counts)
        }
        #expect(counts == StoreCounts(events: 0, deliveries: 0, auditRecords: 0))
        #expect(!logs.all.contains { $0.contains("run()") }, "no connection was asked of a pool before it ran: \(logs.all)")
        await #expect(throws: StoreError.self) { try await store.counts() }
    }
}
