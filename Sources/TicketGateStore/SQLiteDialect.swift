import Foundation
import GRDB
import TicketGateCore

/// SQLite's SQL: numbered placeholders (`?1`, so a value can be used twice), lists bound as JSON arrays and
/// read with `json_each`, and no claims or locks: one process writes, through one writer.
struct SQLiteDialect: SQLDialect {
    func placeholder(_ position: Int) -> String { "?\(position)" }

    func texts(_ placeholder: String, as alias: String) -> String {
        "(SELECT value, key AS position FROM json_each(\(placeholder))) AS \(alias)"
    }

    func isIn(_ expression: String, list placeholder: String) -> String {
        "\(expression) IN (SELECT value FROM json_each(\(placeholder)))"
    }

    func tracesMatch(decision column: String, rule placeholder: String) -> String {
        """
        EXISTS (SELECT 1 FROM json_each(\(column), '$.trace') t WHERE json_extract(t.value, '$.rule') = \(placeholder) \
        AND json_extract(t.value, '$.result') = 'matched')
        """
    }

    func jsonArrayLength(_ column: String) -> String { "json_array_length(\(column))" }

    var holdsPruneLock: String? { nil }

    func greater(_ first: String, _ second: String) -> String { "MAX(\(first), \(second))" }

    var skipRowsBeingClaimed: String { "" }
    var newClaim: String? { nil }
    var releaseClaim: String? { nil }
    func claimHolds(_ claim: String) -> String? { nil }
    func table(of columns: [SQLListColumn], as alias: String) -> String? { nil }
    var writesInCommonTableExpressions: Bool { false }
    func lockConversations(_ keys: [String], at destination: String) -> SQLStatement? { nil }
}

/// A statement with its values converted for GRDB, made on the caller's task so that the one writer only runs it.
struct BoundStatement: Sendable {
    let sql: String
    let arguments: StatementArguments

    init(_ statement: SQLStatement) throws {
        sql = statement.sql
        arguments = try statement.arguments()
    }
}

extension Database {
    /// Every row `statement` answers.
    func rows(_ statement: BoundStatement) throws -> [SQLiteRow] {
        try Row.fetchAll(cachedStatement(sql: statement.sql), arguments: statement.arguments).map(SQLiteRow.init)
    }

    /// Whether `statement` answers a row; what the row holds is not read.
    func answersRow(_ statement: BoundStatement) throws -> Bool {
        try Row.fetchOne(cachedStatement(sql: statement.sql), arguments: statement.arguments) != nil
    }

    /// Runs `statement`, whose rows (if any) are not needed.
    func execute(_ statement: BoundStatement) throws {
        try cachedStatement(sql: statement.sql).execute(arguments: statement.arguments)
    }

    func rows(_ statement: SQLStatement) throws -> [SQLiteRow] { try rows(BoundStatement(statement)) }
    func execute(_ statement: SQLStatement) throws { try execute(BoundStatement(statement)) }
}

extension SQLStatement {
    /// The values as GRDB binds them; lists as JSON arrays.
    func arguments() throws -> StatementArguments {
        let json = CompactJSONEncoder()
        return StatementArguments(
            values: try values.map { value in
                switch value {
                case .text(let text): text.databaseValue
                case .integer(let integer): integer.databaseValue
                case .bytes(let bytes): bytes.databaseValue
                case .null: .null
                case .texts(let texts): try json.string(texts).databaseValue
                case .integers(let integers): try json.string(integers).databaseValue
                }
            })
    }
}

/// A fetched row's values by column name, with the names indexed once per row. GRDB's own lookup by name
/// compares case-insensitively and lowercases every column name it passes on each read: for a claimed
/// delivery, that was a hundred lowercased strings. A value of another type than asked, or NULL where a value
/// is required, is `StoreError.unexpected`, never a trap. Sendable: a fetched row is a copy that no database
/// connection touches again.
package struct SQLiteRow: SQLRow, @unchecked Sendable {
    let row: Row
    private let positions: [String: Int]

    init(_ row: Row) {
        var positions = [String: Int](minimumCapacity: row.count)
        for (position, name) in row.columnNames.enumerated() where positions[name] == nil {
            positions[name] = position
        }
        self.row = row
        self.positions = positions
    }

    private func value(_ column: String) throws -> DatabaseValue {
        guard let position = positions[column] else { throw StoreError.unexpected("the row has no column \(column)") }
        return row[position]
    }

    private func required<Value: DatabaseValueConvertible>(_ column: String, as type: Value.Type) throws -> Value {
        guard let value = try optional(column, as: type) else { throw StoreError.unexpected("the column \(column) is NULL") }
        return value
    }

    private func optional<Value: DatabaseValueConvertible>(_ column: String, as type: Value.Type) throws -> Value? {
        let value = try value(column)
        if value.isNull { return nil }
        guard let converted = Value.fromDatabaseValue(value) else { throw StoreError.unexpected("the column \(column) holds another type") }
        return converted
    }

    package func text(_ column: String) throws -> String { try required(column, as: String.self) }
    package func optionalText(_ column: String) throws -> String? { try optional(column, as: String.self) }
    package func integer(_ column: String) throws -> Int64 { try required(column, as: Int64.self) }
    package func optionalInteger(_ column: String) throws -> Int64? { try optional(column, as: Int64.self) }
    package func bytes(_ column: String) throws -> Data { try required(column, as: Data.self) }
}
