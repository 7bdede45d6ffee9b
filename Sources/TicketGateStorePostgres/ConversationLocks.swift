import Logging
import PostgresNIO

/// Transaction-scoped advisory locks on conversation keys: a transaction that reads a conversation and then
/// writes it holds the lock of each key it touches until it commits, so a second transaction touching one of
/// those keys reads after the first's commit. The keys are locked in the order of their lock numbers, so two
/// transactions never wait for each other. Two keys whose hashes collide only wait for each other needlessly.
enum ConversationLocks {
    static func lock(_ keys: [String], at destination: String, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.execute(
            """
            SELECT pg_advisory_xact_lock(lock) FROM (
                SELECT DISTINCT hashtextextended('conversation' || chr(31) || \(destination) || chr(31) || key, 0) AS lock
                FROM unnest(\(keys)::text[]) AS key ORDER BY lock
            ) AS locks
            """, logger: logger)
    }
}
