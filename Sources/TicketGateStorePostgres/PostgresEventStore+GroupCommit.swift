import Logging
import PostgresNIO
import TicketGateCore

/// Group commit on PostgreSQL: accepted events and attempts' writes that arrive together share statements
/// (`EventAcceptance.storeTogether`, `AttemptWrite.writeTogether`).
///
/// Each statement commits by itself, and is answered only after its commit: PostgresNIO sends every query as
/// Parse, Bind, Execute and Sync, and never Flush, so the server holds the statement's results (its
/// CommandComplete included) in its output buffer until the Sync has committed the implicit transaction and
/// ReadyForQuery follows (https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-EXT-QUERY:
/// "Without Flush, messages returned by the backend will be combined into the minimum possible number of
/// packets"). A full buffer sends what it holds, but the end of the last message stays until the commit. So an
/// event is acknowledged, and a create marked pending before it is sent, only once its statement has committed,
/// without a `BEGIN` and `COMMIT` round trip each (which cost a third of the ingest rate).
extension PostgresEventStore {
    /// The batchers of accepted events and of attempts' writes on `connections`; a batch that stored a
    /// delivery tells the other instances (`notifications`).
    static func batchers(on connections: PostgresConnections, notifications: StoreNotifications, logger: Logger) -> (
        accepts: WriteBatcher<EventAcceptance, AcceptOutcome>, attemptWrites: WriteBatcher<AttemptWrite, Void>
    ) {
        let run: @Sendable (SQLStatement) async throws -> [PostgresRandomAccessRow] = { statement in
            try await connections.withConnection { connection in try await connection.rows(statement.query, logger: logger) }
        }
        return (
            WriteBatcher(bytes: \.byteCount) { acceptances in
                let outcomes = await EventAcceptance.storeTogether(acceptances, PostgresDialect(), run: run)
                if zip(acceptances, outcomes).contains(where: { $0.delivery != nil && (try? $1.get()) == .stored }) {
                    notifications.deliveriesBecameDue()
                }
                return outcomes
            },
            WriteBatcher(bytes: \.byteCount) { writes in await AttemptWrite.writeTogether(writes, PostgresDialect(), run: run) }
        )
    }
}
