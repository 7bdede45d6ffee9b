import GRDB
import Synchronization

/// Group commit: accepted events that arrive while a transaction is being written wait for the next one,
/// and go to disk together in it. Each event still gets its own savepoint and its own outcome, and no one
/// is answered before the transaction that holds its event has committed (and, with `synchronous = FULL`,
/// reached the disk). Under load one fsync covers many events; alone, an event is written at once.
final class GroupCommit<Item: Sendable, Outcome: Sendable>: Sendable {
    private typealias Waiter = (item: Item, continuation: CheckedContinuation<Outcome, any Error>)

    private struct State {
        var waiting: [Waiter] = []
        var writing = false
    }

    private let state = Mutex(State())
    private let writer: DatabasePool
    private let maximumBatch: Int
    private let write: @Sendable (Item, Database) throws -> Outcome

    /// `write` stores one item inside the batch's transaction.
    init(writer: DatabasePool, maximumBatch: Int = 512, write: @escaping @Sendable (Item, Database) throws -> Outcome) {
        self.writer = writer
        self.maximumBatch = maximumBatch
        self.write = write
    }

    /// Stores `item` in the next transaction and returns its outcome once that transaction has committed.
    func submit(_ item: Item) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            let startsWriting = state.withLock { state in
                state.waiting.append((item, continuation))
                guard !state.writing else { return false }
                state.writing = true
                return true
            }
            if startsWriting {
                Task { await self.writeBatches() }
            }
        }
    }

    /// Writes batches until no one waits.
    private func writeBatches() async {
        while true {
            let batch: [Waiter] = state.withLock { state in
                let batch = Array(state.waiting.prefix(maximumBatch))
                state.waiting.removeFirst(batch.count)
                if batch.isEmpty { state.writing = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            await writeBatch(batch)
        }
    }

    private func writeBatch(_ batch: [Waiter]) async {
        let items = batch.map(\.item)
        let write = self.write
        let results: [Result<Outcome, any Error>]
        do {
            results = try await writer.write { db in
                try items.map { item in
                    // A savepoint per item: one that fails is rolled back alone, and the others commit.
                    var outcome: Result<Outcome, any Error> = .failure(CancellationError())
                    do {
                        try db.inSavepoint {
                            outcome = .success(try write(item, db))
                            return .commit
                        }
                    } catch {
                        // Some errors (a full disk, an I/O error) make SQLite roll the whole transaction back:
                        // then the batch fails as one.
                        guard db.isInsideTransaction else { throw error }
                        outcome = .failure(error)
                    }
                    return outcome
                }
            }
        } catch {
            // The transaction did not commit: nothing in it is stored.
            for waiter in batch { waiter.continuation.resume(throwing: error) }
            return
        }
        for (waiter, result) in zip(batch, results) {
            waiter.continuation.resume(with: result)
        }
    }
}
