import Foundation
import Logging
import NIOCore
import PostgresNIO
import TicketGateCore

/// PostgreSQL's SQL: `$n` placeholders, lists bound as arrays, JSON read with its operators, and what several
/// instances writing at once need: claims skip rows another instance is claiming and carry a claim id, and a
/// conversation's keys are locked for the transaction before it is read and written.
struct PostgresDialect: SQLDialect {
    func placeholder(_ position: Int) -> String { "$\(position)" }

    func texts(_ placeholder: String, as alias: String) -> String {
        "unnest(CAST(\(placeholder) AS text[])) WITH ORDINALITY AS \(alias)(value, position)"
    }

    func isIn(_ expression: String, list placeholder: String) -> String { "\(expression) = ANY(\(placeholder))" }

    /// A decision may hold U+0000 (written `\u0000`), which PostgreSQL's JSON functions refuse to read: it is
    /// read as U+FFFD, which changes no rule's name or result.
    func tracesMatch(decision column: String, rule placeholder: String) -> String {
        """
        EXISTS (SELECT 1 FROM json_array_elements(replace(\(column), '\\u0000', '\\ufffd')::json -> 'trace') t \
        WHERE t ->> 'rule' = \(placeholder) AND t ->> 'result' = 'matched')
        """
    }

    func jsonArrayLength(_ column: String) -> String { "json_array_length(\(column)::json)" }

    /// The advisory lock of the instance that prunes, for the transaction ("tgprune" in ASCII).
    static let pruneLockKey: Int64 = 0x0074_6770_7275_6E65

    var holdsPruneLock: String? { "pg_try_advisory_xact_lock(\(Self.pruneLockKey))" }

    func greater(_ first: String, _ second: String) -> String { "GREATEST(\(first), \(second))" }

    var skipRowsBeingClaimed: String { " FOR UPDATE OF d SKIP LOCKED" }
    var newClaim: String? { "claim_id = gen_random_uuid()" }
    var releaseClaim: String? { "claim_id = NULL" }

    var writesInCommonTableExpressions: Bool { true }

    func claimHolds(_ claim: String) -> String? {
        "claim_id IS NOT DISTINCT FROM CAST(NULLIF(\(claim), '') AS uuid)"
    }

    func table(of columns: [SQLListColumn], as alias: String) -> String? {
        let lists = columns.map { "CAST(\($0.placeholder) AS \($0.integers ? "bigint[]" : "text[]"))" }
        return "unnest(\(lists.joined(separator: ", "))) AS \(alias)(\(columns.map(\.name).joined(separator: ", ")))"
    }

    /// Transaction-scoped advisory locks, one per key: a second transaction touching one of those keys reads
    /// after the first's commit. The keys are locked in the order of their lock numbers, so two transactions
    /// never wait for each other. Two keys whose hashes collide only wait for each other needlessly.
    func lockConversations(_ keys: [String], at destination: String) -> SQLStatement? {
        SQLStatement(self) { sql in
            sql.append(
                """
                SELECT pg_advisory_xact_lock(lock) FROM (
                    SELECT DISTINCT hashtextextended('conversation' || chr(31) || \(sql.bind(.text(destination))) || chr(31) || key, 0) AS lock
                    FROM unnest(CAST(\(sql.bind(.texts(keys))) AS text[])) AS key ORDER BY lock
                ) AS locks
                """)
        }
    }
}

extension SQLStatement {
    /// The statement as PostgresNIO sends it.
    var query: PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: bindings) }

    /// The values as PostgresNIO binds them.
    var bindings: PostgresBindings {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .text(let text): bindings.append(text)
            case .integer(let integer): bindings.append(integer)
            case .bytes(let bytes): bindings.append(ByteBuffer(bytes: bytes))
            case .null: bindings.appendNull()
            case .texts(let texts): bindings.append(texts)
            case .integers(let integers): bindings.append(integers)
            }
        }
        return bindings
    }
}

extension PostgresRandomAccessRow: SQLRow {
    package func text(_ column: String) throws -> String { try self[column].decode(String.self) }
    package func optionalText(_ column: String) throws -> String? { try self[column].decode(String?.self) }
    package func integer(_ column: String) throws -> Int64 { try self[column].decode(Int64.self) }
    package func optionalInteger(_ column: String) throws -> Int64? { try self[column].decode(Int64?.self) }
    package func bytes(_ column: String) throws -> Data { try self[column].decode(Data.self) }
}
