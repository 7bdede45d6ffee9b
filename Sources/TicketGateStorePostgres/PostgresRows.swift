import Foundation
import Logging
import PostgresNIO
import Synchronization
import TicketGateCore

extension PostgresConnection {
    /// Every row `query` answers.
    func rows(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRandomAccessRow] {
        try await answer { connection in
            var rows: [PostgresRandomAccessRow] = []
            for try await row in try await connection.query(query, logger: logger) {
                rows.append(row.makeRandomAccess())
            }
            return rows
        }
    }

    /// Runs `query`, whose rows (if any) are not needed.
    func execute(_ query: PostgresQuery, logger: Logger) async throws {
        _ = try await rows(query, logger: logger)
    }

    /// Runs `body` in a transaction, committed when `body` returns and rolled back when it throws; the error
    /// thrown is `body`'s own.
    func transaction<Result>(logger: Logger, _ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        try await execute("BEGIN", logger: logger)
        let result: Result
        do {
            result = try await body(self)
        } catch {
            try? await execute("ROLLBACK", logger: logger)
            throw error
        }
        try await execute("COMMIT", logger: logger)
        return result
    }

    /// The first column of the first row `query` answers, `nil` when there is no row.
    func value<Value: PostgresDecodable>(_ query: PostgresQuery, as type: Value.Type, logger: Logger) async throws -> Value? {
        guard let row = try await rows(query, logger: logger).first else { return nil }
        return try row[0].decode(Value.self)
    }

    /// `work`'s answer, or a connection error when the connection closes first. PostgresNIO writes a query to
    /// its channel without a promise for the write: a query written as the server cuts the connection is dropped,
    /// and its answer never comes. Such a `work` is left behind, suspended, rather than waited for
    /// (`UnansweredQueries`).
    private func answer<Result: Sendable>(_ work: @escaping @Sendable (PostgresConnection) async throws -> Result) async throws -> Result {
        let connection = self
        let pending = PendingAnswer<Result>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                pending.await(continuation)
                let watch = UnansweredQueries.shared.watch(connection) { pending.resume(with: .failure(ConnectionClosed())) }
                pending.run(
                    Task {
                        let result: Swift.Result<Result, any Error>
                        do {
                            result = .success(try await work(connection))
                        } catch {
                            result = .failure(error)
                        }
                        UnansweredQueries.shared.forget(watch, on: connection)
                        pending.resume(with: result)
                    })
            }
        } onCancel: {
            pending.cancel()
        }
    }
}

/// The connection closed before a query on it was answered.
struct ConnectionClosed: Error {}

/// The queries each connection has not answered yet, failed a tenth of a second after the connection closes
/// (an answer that came just before the close still wins). Each connection is watched through one callback on
/// its close, however many queries it runs.
final class UnansweredQueries: Sendable {
    static let shared = UnansweredQueries()

    private struct Watched {
        /// Kept so that the identifier is not reused while the entry lives; the entry goes when it closes.
        let connection: PostgresConnection
        var failures: [Int: @Sendable () -> Void] = [:]
    }

    private struct State {
        var next = 0
        var connections: [ObjectIdentifier: Watched] = [:]
    }

    private let state = Mutex(State())

    /// Calls `fail` a tenth of a second after `connection` closes, unless `forget` comes first; returns the
    /// watch's key for `forget`.
    func watch(_ connection: PostgresConnection, fail: @escaping @Sendable () -> Void) -> Int {
        let id = ObjectIdentifier(connection)
        let (key, isNew) = state.withLock { state in
            defer { state.next += 1 }
            let isNew = state.connections[id] == nil
            state.connections[id, default: Watched(connection: connection)].failures[state.next] = fail
            return (state.next, isNew)
        }
        if isNew {
            connection.closeFuture.whenComplete { _ in
                connection.closeFuture.eventLoop.scheduleTask(in: .milliseconds(100)) { self.closed(connection) }
            }
        }
        return key
    }

    /// Ends the watch `key`: its query was answered.
    func forget(_ key: Int, on connection: PostgresConnection) {
        state.withLock { $0.connections[ObjectIdentifier(connection)]?.failures[key] = nil }
    }

    private func closed(_ connection: PostgresConnection) {
        let failures = state.withLock { $0.connections.removeValue(forKey: ObjectIdentifier(connection))?.failures.values }
        for fail in failures.map(Array.init) ?? [] { fail() }
    }
}

/// A query's answer, given by whichever comes first: the query's task, the connection's close, or the
/// waiter's cancellation (which cancels the task).
private final class PendingAnswer<Value: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Value, any Error>?
        var task: Task<Void, Never>?
        var cancelled = false
    }

    private let state = Mutex(State())

    func await(_ continuation: CheckedContinuation<Value, any Error>) {
        state.withLock { $0.continuation = continuation }
    }

    /// The task that runs the query; cancelled at once when the waiter was cancelled already.
    func run(_ task: Task<Void, Never>) {
        let cancelled = state.withLock { state in
            state.task = task
            return state.cancelled
        }
        if cancelled { task.cancel() }
    }

    func cancel() {
        state.withLock { state in
            state.cancelled = true
            return state.task
        }?.cancel()
    }

    func resume(with result: Result<Value, any Error>) {
        state.withLock { state in
            defer {
                state.continuation = nil
                state.task = nil
            }
            return state.continuation
        }?.resume(with: result)
    }
}
