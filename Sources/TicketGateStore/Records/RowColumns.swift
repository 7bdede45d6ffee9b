import GRDB

/// A fetched row's values by column name, with the names indexed once per row. GRDB's own lookup by name
/// compares case-insensitively and lowercases every column name it passes on each read: for a claimed
/// delivery, that was a hundred lowercased strings.
struct RowColumns {
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

    /// The value of a column this row has; a name it lacks goes to GRDB, which names it in its error.
    @_disfavoredOverload
    subscript<Value: DatabaseValueConvertible>(_ name: String) -> Value {
        if let position = positions[name] { row[position] } else { row[name] }
    }

    /// The value of a column, `nil` when it is NULL.
    subscript<Value: DatabaseValueConvertible>(_ name: String) -> Value? {
        if let position = positions[name] { row[position] } else { row[name] }
    }
}
