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

    /// The first column of the first row `query` answers, `nil` when there is no row.
    func value<Value: PostgresDecodable>(_ query: PostgresQuery, as type: Value.Type, logger: Logger) async throws -> Value? {
        guard let row = try await rows(query, logger: logger).first else { return nil }
        return try row[0].decode(Value.self)
    }

    /// `work`'s answer, or a connection error when the connection closes first. PostgresNIO writes a query to
    /// its channel without a promise for the write: a query written as the server cuts the connection is dropped,
    /// and its answer never comes. Such a `work` is left behind, suspended, rather than waited for. An answer
    /// that came just before the close still wins: the error waits a tenth of a second for it.
    private func answer<Result: Sendable>(_ work: @escaping @Sendable (PostgresConnection) async throws -> Result) async throws -> Result {
        let connection = self
        let running = Task { try await work(connection) }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let once = ResumeOnce(continuation)
                connection.closeFuture.whenComplete { _ in
                    connection.closeFuture.eventLoop.scheduleTask(in: .milliseconds(100)) { once.resume(throwing: ConnectionClosed()) }
                }
                Task { once.resume(with: await running.result) }
            }
        } onCancel: {
            running.cancel()
        }
    }
}

/// The connection closed before a query on it was answered.
struct ConnectionClosed: Error {}

/// A continuation resumed by whichever of several events comes first.
private final class ResumeOnce<Value: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<Value, any Error>?>

    init(_ continuation: CheckedContinuation<Value, any Error>) {
        self.continuation = Mutex(continuation)
    }

    func resume(with result: Result<Value, any Error>) {
        continuation.withLock { continuation in
            defer { continuation = nil }
            return continuation
        }?.resume(with: result)
    }

    func resume(throwing error: any Error) {
        resume(with: .failure(error))
    }
}
