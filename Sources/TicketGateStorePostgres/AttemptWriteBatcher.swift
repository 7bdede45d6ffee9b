import Synchronization
import TicketGateCore

/// Group commit of the attempts' writes (`AttemptWrite`: progress and outcomes): writes that arrive while
/// earlier ones are being written wait, and the next statement carries all of them (one per set of columns
/// written), committed by itself; each caller is answered once the statement that holds its write has
/// committed. Alone, a write goes at once. At most `maximumInFlight` statements run at a time. A statement the
/// database refuses is written again one write at a time, so a write that fails fails alone; when the
/// connection fails, every write of the statement fails (whether it committed is unknown, and an attempt that
/// cannot record its outcome is tried again when its lease ends).
final class AttemptWriteBatcher: Sendable {
    private struct Waiting: Sendable {
        let write: AttemptWrite
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var waiting: [Waiting] = []
        var inFlight = 0
    }

    private let state = Mutex(State())
    private let maximumInFlight: Int
    private let maximumBatch: Int
    /// Runs one statement, committed by itself.
    private let execute: @Sendable (SQLStatement) async throws -> Void

    init(maximumInFlight: Int = 2, maximumBatch: Int = 256, execute: @escaping @Sendable (SQLStatement) async throws -> Void) {
        self.maximumInFlight = maximumInFlight
        self.maximumBatch = maximumBatch
        self.execute = execute
    }

    /// Writes `write` with the others waiting; returns once it has committed.
    func submit(_ write: AttemptWrite) async throws {
        try await withCheckedThrowingContinuation { continuation in
            let starts = state.withLock { state in
                state.waiting.append(Waiting(write: write, continuation: continuation))
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
                let batch = Array(state.waiting.prefix(maximumBatch))
                state.waiting.removeFirst(batch.count)
                if batch.isEmpty { state.inFlight -= 1 }
                return batch
            }
            guard !batch.isEmpty else { return }
            await write(batch)
        }
    }

    private func write(_ batch: [Waiting]) async {
        let statements: [(statement: SQLStatement, members: [Int])]
        do {
            guard let batched = try AttemptWrite.batch(batch.map(\.write), PostgresDialect()) else {
                throw StoreError.unexpected("the PostgreSQL dialect batches attempt writes")
            }
            statements = batched
        } catch {
            for waiting in batch { waiting.continuation.resume(throwing: error) }
            return
        }
        for (statement, members) in statements {
            do {
                try await execute(statement)
                for member in members { batch[member].continuation.resume() }
            } catch  where members.count > 1 && !DatabaseFailure.isConnectivity(error) {
                for member in members { await write([batch[member]]) }
            } catch {
                for member in members { batch[member].continuation.resume(throwing: error) }
            }
        }
    }
}
