import Synchronization
import Testing
import TicketGateCore

/// The group-commit queue: what waits while a batch is written goes in the next one, within the batch's limits
/// in items and bytes, and each caller gets its own outcome.
@Suite(.timeLimit(.minutes(1))) struct WriteBatcherTests {
    /// Items of the given sizes (their values), queued behind a batch that is held until they all wait.
    static func batches(of sizes: [Int], maximumBatch: Int, maximumBytes: Int) async throws -> (batches: [[Int]], outcomes: [Int]) {
        let written = Mutex<[[Int]]>([])
        let (gate, opening) = AsyncStream.makeStream(of: Void.self)
        let write: @Sendable ([Int]) async -> [Result<Int, any Error>] = { items in
            let isFirst = written.withLock { written in
                written.append(items)
                return written.count == 1
            }
            if isFirst { for await _ in gate { break } }
            return items.map { .success($0 * 10) }
        }
        let batcher = WriteBatcher<Int, Int>(
            maximumInFlight: 1, maximumBatch: maximumBatch, maximumBytes: maximumBytes, bytes: { $0 }, write: write)
        let held = Task { try await batcher.submit(0) }
        while written.withLock({ $0.isEmpty }) { await Task.yield() }
        let queued = sizes.map { size in Task { try await batcher.submit(size) } }
        while batcher.waitingCount < sizes.count { await Task.yield() }
        opening.yield()
        _ = try await held.value
        var outcomes: [Int] = []
        for task in queued { outcomes.append(try await task.value) }
        return (Array(written.withLock { $0 }.dropFirst()), outcomes)
    }

    @Test func waitingItemsShareTheNextBatchWithinItsByteLimit() async throws {
        // In arrival order: 40 and 50 fit in 100; 30 would pass it; 200 is larger than a batch and goes alone.
        let sizes = [40, 50, 30, 200, 10]
        let result = try await Self.batches(of: sizes, maximumBatch: 10, maximumBytes: 100)
        #expect(result.batches.flatMap { $0 }.sorted() == sizes.sorted())
        #expect(result.batches.allSatisfy { $0.count == 1 || $0.reduce(0, +) <= 100 })
        #expect(result.batches.contains([200]))
        #expect(result.outcomes == sizes.map { $0 * 10 }, "each caller gets its own outcome")
    }

    @Test func aBatchHoldsAtMostItsNumberOfItems() async throws {
        let sizes = Array(repeating: 1, count: 7)
        let result = try await Self.batches(of: sizes, maximumBatch: 3, maximumBytes: 1000)
        #expect(result.batches.map(\.count) == [3, 3, 1])
    }
}
