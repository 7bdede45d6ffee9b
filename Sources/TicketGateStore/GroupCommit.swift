import GRDB
import Synchronization
import TicketGateCore

/// Group commit on SQLite: writes that arrive while a transaction is being written wait for the next one
/// (`WriteBatcher`, one transaction at a time), and go to disk together in it: accepted events, and the
/// delivery worker's claims, progress and outcomes alike. Each write still has its own outcome (one that fails
/// is rolled back alone), and no one is answered before the transaction that holds their write has committed
/// (and, with `synchronous = FULL`, reached the disk). Under load one fsync covers many writes; alone, a write
/// goes to disk at once.
final class GroupCommit: Sendable {
    /// One write waiting for its transaction: runs it inside the transaction, in a savepoint of its own when
    /// `isolated`, and keeps its outcome for when the transaction has committed.
    private struct Write: Sendable {
        let run: @Sendable (Database, _ isolated: Bool) throws -> Void
    }

    /// A write's outcome, kept from its transaction until the write's caller is answered.
    private final class Kept<Value: Sendable>: Sendable {
        let outcome = Mutex<Result<Value, any Error>?>(nil)
    }

    private let batcher: WriteBatcher<Write, Void>

    /// `committed` is called after each transaction commits.
    init(writer: DatabasePool, maximumBatch: Int = 512, committed: @escaping @Sendable () -> Void = {}) {
        batcher = WriteBatcher(maximumInFlight: 1, maximumBatch: maximumBatch, maximumBytes: .max) { writes in
            do {
                try await writer.writeWithoutTransaction { db in
                    do {
                        try Self.inTransaction(db) { for write in writes { try write.run(db, false) } }
                    } catch {
                        // Something in the batch failed and the transaction rolled back: again, each in its savepoint.
                        try Self.inTransaction(db) { for write in writes { try write.run(db, true) } }
                    }
                }
            } catch {
                // The transaction did not commit: nothing in it is stored.
                return writes.map { _ in .failure(error) }
            }
            committed()
            return writes.map { _ in .success(()) }
        }
    }

    /// How many writes wait for the next transaction.
    var waitingCount: Int { batcher.waitingCount }

    /// Runs `write` in the next transaction and returns its outcome once that transaction has committed. A
    /// write that throws is rolled back alone; the others in its transaction still commit. `write` may run
    /// twice: a batch is first written without a savepoint per write, and only when one of them throws is it
    /// rolled back and written again with savepoints, so the one that failed fails alone.
    func submit<Outcome: Sendable>(_ write: @escaping @Sendable (Database) throws -> Outcome) async throws -> Outcome {
        let kept = Kept<Outcome>()
        try await batcher.submit(
            Write { db, isolated in
                let outcome = isolated ? try Self.inSavepoint(db, write) : .success(try write(db))
                kept.outcome.withLock { $0 = outcome }
            })
        guard let outcome = kept.outcome.withLock({ $0 }) else { throw StoreError.unexpected("a committed write kept no outcome") }
        return try outcome.get()
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

    private static func inTransaction(_ db: Database, _ body: () throws -> Void) throws {
        try db.inTransaction {
            try body()
            return .commit
        }
    }
}
