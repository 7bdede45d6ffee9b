import Logging
import PostgresNIO

extension PostgresClient {
    /// Runs `body` in a transaction on one leased connection, committed when `body` returns and rolled back
    /// when it throws. The error thrown is `body`'s own (PostgresNIO wraps it in `PostgresTransactionError`)
    /// unless the rollback failed too.
    func transaction<Result: Sendable>(
        logger: Logger, _ body: (PostgresConnection) async throws -> sending Result
    ) async throws -> Result {
        do {
            return try await withTransaction(logger: logger, body)
        } catch let error as PostgresTransactionError where error.rollbackError == nil && error.beginError == nil && error.commitError == nil {
            throw error.closureError ?? error
        }
    }
}
