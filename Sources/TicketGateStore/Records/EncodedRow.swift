import GRDB

/// A record encoded to column values ahead of its write transaction. Encoding (JSON columns included) runs
/// on the request's own task, in parallel with other requests; the store's single writer only binds the
/// values and steps a cached statement.
struct EncodedRow: Sendable {
    let table: String
    let columns: [String]
    let values: [DatabaseValue]

    init<Record: EncodableRecord & TableRecord>(_ record: Record) throws {
        table = Record.databaseTableName
        let encoded = try record.databaseDictionary.sorted { $0.key < $1.key }
        columns = encoded.map(\.key)
        values = encoded.map(\.value)
    }

    /// Inserts the row, with `overrides` replacing some of its values, and returns its rowid.
    @discardableResult
    func insert(_ db: Database, overrides: [String: DatabaseValue] = [:]) throws -> Int64 {
        let names = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let statement = try db.cachedStatement(sql: "INSERT INTO \"\(table)\" (\(names)) VALUES (\(placeholders))")
        let arguments = zip(columns, values).map { column, value in overrides[column] ?? value }
        try statement.execute(arguments: StatementArguments(arguments))
        return db.lastInsertedRowID
    }
}
