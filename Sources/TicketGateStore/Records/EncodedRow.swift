import GRDB

/// A record that names its columns once and encodes its values in that order, so a row is written without
/// GRDB's per-row dictionary of columns.
protocol ColumnRecord: EncodableRecord, TableRecord {
    /// The columns `columnValues()` returns values for, in its order.
    static var columnNames: [String] { get }
    /// The `INSERT` of every column: make it once with `makeInsertSQL(into:columns:)`.
    static var insertSQL: String { get }
    func columnValues() throws -> [DatabaseValue]
}

extension ColumnRecord {
    static func makeInsertSQL(into table: String, columns: [String]) -> String {
        let names = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        return "INSERT INTO \"\(table)\" (\(names)) VALUES (\(placeholders))"
    }

    /// GRDB's own persistence (updates, single inserts) sees the same columns.
    func encode(to container: inout PersistenceContainer) throws {
        for (column, value) in zip(Self.columnNames, try columnValues()) {
            container[column] = value
        }
    }
}

/// A record encoded to column values ahead of its write transaction. Encoding (JSON columns included) runs
/// on the request's own task, in parallel with other requests; the store's single writer only binds the
/// values and steps a cached statement.
struct EncodedRow: Sendable {
    let columns: [String]
    let values: [DatabaseValue]
    /// The values bound, made with the row rather than on the writer.
    let arguments: StatementArguments
    /// The `INSERT` statement, the same text for every row of a table so the writer's statement cache hits.
    let sql: String

    init<Record: ColumnRecord>(_ record: Record) throws {
        columns = Record.columnNames
        values = try record.columnValues()
        arguments = StatementArguments(values: values)
        sql = Record.insertSQL
    }

    /// Inserts the row, with `overrides` replacing some of its values, and returns its rowid.
    @discardableResult
    func insert(_ db: Database, overrides: [String: DatabaseValue] = [:]) throws -> Int64 {
        let statement = try db.cachedStatement(sql: sql)
        if overrides.isEmpty {
            try statement.execute(arguments: arguments)
        } else {
            try statement.execute(arguments: StatementArguments(values: zip(columns, values).map { column, value in overrides[column] ?? value }))
        }
        return db.lastInsertedRowID
    }
}
