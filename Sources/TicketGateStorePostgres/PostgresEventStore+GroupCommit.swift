import Logging
import PostgresNIO
import TicketGateCore

/// Group commit on PostgreSQL (`WriteBatcher`): what accepted events and attempts' writes that arrive
/// together write in shared statements, and how each learns its own outcome.
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
    /// Stores `acceptances` in one statement; each that it did not store repeats an event stored before, and
    /// those are looked up together in one more. A statement the database refuses is written again one event
    /// at a time, so the event it refused fails alone.
    static func store(_ acceptances: [EventAcceptance], on connections: PostgresConnections, logger: Logger) async -> [Result<
        AcceptOutcome, any Error
    >] {
        do {
            guard let statement = EventAcceptance.batch(acceptances, PostgresDialect()) else {
                throw StoreError.unexpected("the accepted events cannot share a statement")
            }
            let stored = try await connections.withConnection { connection in
                Set(try await connection.rows(statement, logger: logger).map { try $0.text("id") })
            }
            let repeats = acceptances.filter { !stored.contains($0.eventID.rawValue) }
            var firsts: [PostgresRandomAccessRow] = []
            if let lookup = EventAcceptance.findFirsts(repeats, PostgresDialect()) {
                firsts = try await connections.withConnection { connection in try await connection.rows(lookup, logger: logger) }
            }
            var outcomes: [Result<AcceptOutcome, any Error>] = []
            for acceptance in acceptances {
                if stored.contains(acceptance.eventID.rawValue) {
                    outcomes.append(.success(.stored))
                } else if let first = try acceptance.firstStored(in: firsts) {
                    outcomes.append(.success(.duplicate(of: first)))
                } else {
                    outcomes.append(.failure(StoreError.unexpected("an event repeats one that is not stored")))
                }
            }
            return outcomes
        } catch  where acceptances.count > 1 && !DatabaseFailure.isConnectivity(error) {
            var outcomes: [Result<AcceptOutcome, any Error>] = []
            for acceptance in acceptances {
                outcomes += await store([acceptance], on: connections, logger: logger)
            }
            return outcomes
        } catch {
            return acceptances.map { _ in .failure(error) }
        }
    }

    /// Writes `writes` in as few statements as they allow (`AttemptWrite.batch`). A statement the database
    /// refuses is written again one write at a time, so the write it refused fails alone; when the connection
    /// fails, every write of the statement fails (whether it committed is unknown, and an attempt that cannot
    /// record its outcome is tried again when its lease ends).
    static func write(_ writes: [AttemptWrite], on connections: PostgresConnections, logger: Logger) async -> [Result<Void, any Error>] {
        let statements: [(statement: SQLStatement, members: [Int])]
        do {
            guard let batched = try AttemptWrite.batch(writes, PostgresDialect()) else {
                throw StoreError.unexpected("the attempts' writes cannot share a statement")
            }
            statements = batched
        } catch {
            return writes.map { _ in .failure(error) }
        }
        var outcomes = [Result<Void, any Error>](repeating: .success(()), count: writes.count)
        for (statement, members) in statements {
            do {
                try await connections.withConnection { connection in try await connection.execute(statement, logger: logger) }
            } catch  where members.count > 1 && !DatabaseFailure.isConnectivity(error) {
                for member in members {
                    outcomes[member] = await write([writes[member]], on: connections, logger: logger)[0]
                }
            } catch {
                for member in members { outcomes[member] = .failure(error) }
            }
        }
        return outcomes
    }
}
