import Synchronization

/// The queue of a group commit: items that arrive while earlier ones are being written wait, and `write`
/// stores the next batch of them together and answers each item's outcome, once what holds it has committed.
/// Alone, an item goes at once. At most `maximumInFlight` batches are written at a time, of at most
/// `maximumBatch` items and `maximumBytes` (`bytes` of each item; an item larger than that goes alone), so a
/// batch stays far below any limit on one message whatever the bodies posted. SQLite's `GroupCommit` writes a
/// batch in one transaction; PostgreSQL's writes it in shared statements.
package final class WriteBatcher<Item: Sendable, Outcome: Sendable>: Sendable {
    private struct Waiting: Sendable {
        let item: Item
        let continuation: CheckedContinuation<Outcome, any Error>
    }

    private struct State {
        var waiting: [Waiting] = []
        var inFlight = 0
    }

    private let state = Mutex(State())
    private let maximumInFlight: Int
    private let maximumBatch: Int
    private let maximumBytes: Int
    private let bytes: @Sendable (Item) -> Int
    /// Writes a batch; answers one outcome per item, in order.
    private let write: @Sendable ([Item]) async -> [Result<Outcome, any Error>]

    package init(
        maximumInFlight: Int = 2, maximumBatch: Int = 256, maximumBytes: Int = 16 << 20, bytes: @escaping @Sendable (Item) -> Int = { _ in 0 },
        write: @escaping @Sendable ([Item]) async -> [Result<Outcome, any Error>]
    ) {
        self.maximumInFlight = maximumInFlight
        self.maximumBatch = maximumBatch
        self.maximumBytes = maximumBytes
        self.bytes = bytes
        self.write = write
    }

    /// How many items wait for the next batch.
    package var waitingCount: Int { state.withLock(\.waiting.count) }

    /// Writes `item` with the others waiting; returns its outcome once it has committed.
    package func submit(_ item: Item) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            let starts = state.withLock { state in
                state.waiting.append(Waiting(item: item, continuation: continuation))
                guard state.inFlight < maximumInFlight else { return false }
                state.inFlight += 1
                return true
            }
            if starts {
                Task { await self.writeWhileWaiting() }
            }
        }
    }

    /// Writes what waits, batch after batch, until nothing does.
    private func writeWhileWaiting() async {
        while true {
            let batch = state.withLock { state in
                var total = 0
                var count = 0
                for waiting in state.waiting.prefix(maximumBatch) {
                    total += bytes(waiting.item)
                    guard count == 0 || total <= maximumBytes else { break }
                    count += 1
                }
                let batch = Array(state.waiting.prefix(count))
                state.waiting.removeFirst(count)
                if batch.isEmpty { state.inFlight -= 1 }
                return batch
            }
            guard !batch.isEmpty else { return }
            let outcomes = await write(batch.map(\.item))
            for (index, waiting) in batch.enumerated() {
                waiting.continuation.resume(
                    with: index < outcomes.count ? outcomes[index] : .failure(StoreError.unexpected("a batch answered fewer outcomes than items")))
            }
        }
    }
}
