import GRDB

/// A record encoded to column values ahead of its write transaction. Encoding (JSON columns included) runs
/// on the request's own task, in parallel with other requests; the store's single writer only binds the
/// values and steps a cached statement.
struct EncodedRow: Sendable {
    let columns: [String]
    let values: [DatabaseValue]
    /// The `INSERT` statement, the same text for every row of a table so the writer's statement cache hits.
    let sql: String

    init<Record: EncodableRecord & TableRecord>(_ record: Record) throws {
        let encoded = try record.databaseDictionary.sorted { $0.key < $1.key }
        columns = encoded.map(\.key)
        values = encoded.map(\.value)
        let names = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        sql = "INSERT INTO \"\(Record.databaseTableName)\" (\(names)) VALUES (\(placeholders))"
    }

    /// Inserts the row, with `overrides` replacing some of its values, and returns its rowid.
    @discardableResult
    func insert(_ db: Database, overrides: [String: DatabaseValue] = [:]) throws -> Int64 {
        let statement = try db.cachedStatement(sql: sql)
        let arguments = zip(columns, values).map { column, value in overrides[column] ?? value }
        try statement.execute(arguments: StatementArguments(arguments))
        return db.lastInsertedRowID
    }
}
