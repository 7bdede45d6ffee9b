import Foundation
import Testing
import TicketGateCore

@testable import TicketGateStore

/// The serving store checkpoints the write-ahead log on its own connection, not on the writer.
@Suite(.timeLimit(.minutes(1))) struct WALCheckpointerTests {
    let directory: TemporaryDirectory
    let store: SQLiteEventStore

    init() throws {
        directory = try TemporaryDirectory()
        store = try SQLiteEventStore(path: directory.file("store.sqlite"), serving: true)
    }

    /// An event whose raw body fills about fifty pages of the log.
    func largeEvent(_ number: Int) -> AcceptedEvent {
        .form(
            "e\(number)", at: Date(), outcome: .drop(rule: "r", reason: "test"),
            audit: [AuditRecord(stage: .received, at: Date(), summary: "received")],
            rawBody: Data(repeating: UInt8(ascii: "x"), count: 200_000))
    }

    @Test func theWriterLeavesTheLogToTheCheckpointerWhichCopiesItAll() async throws {
        for number in 0..<40 {
            _ = try await store.accept(largeEvent(number))
        }
        let checkpointer = try #require(store.checkpointer)
        let first = try await checkpointer.checkpoint()
        // SQLite's own checkpoint would have run on the writer past 1,000 pages and restarted the log.
        #expect(first.walFrameCount > 1_000)
        #expect(first.checkpointedFrameCount == first.walFrameCount)

        // Once copied, the log starts again from its beginning at the next commit instead of growing.
        _ = try await store.accept(largeEvent(40))
        let second = try await checkpointer.checkpoint()
        #expect(second.walFrameCount < 200)
        #expect(second.checkpointedFrameCount == second.walFrameCount)
    }

    @Test func maintenanceCheckpointsAfterTheWritersCommits() async throws {
        for number in 0..<40 {
            _ = try await store.accept(largeEvent(number))
        }
        let checkpointer = try #require(store.checkpointer)
        checkpointer.finish()
        await store.run()
        // The log was copied after those commits, so this one starts it again.
        _ = try await store.accept(largeEvent(40))
        #expect(try await checkpointer.checkpoint().walFrameCount < 200)
    }

    @Test func maintenanceEndsWhenCancelled() async throws {
        let maintenance = Task { await store.run() }
        _ = try await store.accept(largeEvent(0))
        maintenance.cancel()
        await maintenance.value
        #expect(try await store.counts().events == 1)
    }

    @Test func onlyTheServingStoreCheckpoints() throws {
        let reader = try SQLiteEventStore(path: directory.file("store.sqlite"), serving: false)
        #expect(reader.checkpointer == nil)
        #expect(store.checkpointer != nil)
    }
}
