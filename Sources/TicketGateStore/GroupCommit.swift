import GRDB
import Synchronization

/// Group commit: writes that arrive while a transaction is being written wait for the next one, and go to
/// disk together in it: accepted events, and the delivery worker's claims, progress and outcomes alike. Each
/// write still has its own outcome (one that fails is rolled back alone), and no one is answered before the
/// transaction that holds their write has committed (and, with `synchronous = FULL`, reached the disk). Under
/// load one fsync covers many writes; alone, a write goes to disk at once.
final class GroupCommit: Sendable {
    /// One write waiting for its transaction: `write` runs it inside the transaction (in a savepoint of its
    /// own when asked) and returns how to answer once the transaction commits; `fail` answers when it does not.
    private struct Pending: Sendable {
        let write: @Sendable (Database, _ isolated: Bool) throws -> @Sendable () -> Void
        let fail: @Sendable (any Error) -> Void
    }

    private struct State {
        var waiting: [Pending] = []
        var writing = false
    }

    private let state = Mutex(State())
    private let writer: DatabasePool
    private let maximumBatch: Int
    /// Called after each transaction commits.
    private let committed: @Sendable () -> Void

    init(writer: DatabasePool, maximumBatch: Int = 512, committed: @escaping @Sendable () -> Void = {}) {
        self.writer = writer
        self.maximumBatch = maximumBatch
        self.committed = committed
    }

    /// How many writes wait for the next transaction.
    var waitingCount: Int { state.withLock(\.waiting.count) }

    /// Runs `write` in the next transaction and returns its outcome once that transaction has committed. A
    /// write that throws is rolled back alone; the others in its transaction still commit. `write` may run
    /// twice: a batch is first written without a savepoint per write, and only when one of them throws is it
    /// rolled back and written again with savepoints, so the one that failed fails alone.
    func submit<Outcome: Sendable>(_ write: @escaping @Sendable (Database) throws -> Outcome) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            let pending = Pending(
                write: { db, isolated in
                    let outcome = isolated ? try Self.inSavepoint(db, write) : .success(try write(db))
                    return { continuation.resume(with: outcome) }
                },
                fail: { continuation.resume(throwing: $0) }
            )
            let startsWriting = state.withLock { state in
                state.waiting.append(pending)
                guard !state.writing else { return false }
                state.writing = true
                return true
            }
            if startsWriting {
                Task { await self.writeBatches() }
            }
        }
    }

    /// Runs one write in a savepoint of its own. Some errors (a full disk, an I/O error) make SQLite roll the
    /// whole transaction back: those are thrown, and the batch fails as one.
    private static func inSavepoint<Outcome>(_ db: Database, _ write: (Database) throws -> Outcome) throws -> Result<Outcome, any Error> {
        var outcome: Result<Outcome, any Error> = .failure(CancellationError())
        do {
            try db.inSavepoint {
                outcome = .success(try write(db))
                return .commit
            }
        } catch {
            guard db.isInsideTransaction else { throw error }
            outcome = .failure(error)
        }
        return outcome
    }

    /// Writes batches until no one waits.
    private func writeBatches() async {
        while true {
            let batch: [Pending] = state.withLock { state in
                let batch = Array(state.waiting.prefix(maximumBatch))
                state.waiting.removeFirst(batch.count)
                if batch.isEmpty { state.writing = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            await writeBatch(batch)
        }
    }

    private func writeBatch(_ batch: [Pending]) async {
        let answers: [@Sendable () -> Void]
        do {
            answers = try await writer.writeWithoutTransaction { db in
                do {
                    return try Self.inTransaction(db) { try batch.map { try $0.write(db, false) } }
                } catch {
                    // Something in the batch failed and the transaction rolled back: again, each in its savepoint.
                    return try Self.inTransaction(db) { try batch.map { try $0.write(db, true) } }
                }
            }
        } catch {
            // The transaction did not commit: nothing in it is stored.
            for pending in batch { pending.fail(error) }
            return
        }
        committed()
        for answer in answers { answer() }
    }

    private static func inTransaction<Result>(_ db: Database, _ body: () throws -> Result) throws -> Result {
        var result: Result?
        try db.inTransaction {
            result = try body()
            return .commit
        }
        return result!
    }
}
