import Foundation

/// A value bound to a statement, in the kinds both stores' columns hold.
package enum SQLValue: Sendable, Equatable {
    case text(String)
    case integer(Int64)
    case bytes(Data)
    case null
    /// A list of texts, read by the statement through `SQLDialect.texts(_:as:)` or `SQLDialect.isIn(_:list:)`.
    case texts([String])
    /// A list of integers, read by the statement through `SQLDialect.isIn(_:list:)`.
    case integers([Int64])

    package static func text(_ text: String?) -> SQLValue { text.map(SQLValue.text) ?? .null }

    /// About how many bytes the value takes in a statement.
    package var byteCount: Int {
        switch self {
        case .text(let text): text.utf8.count
        case .integer: 8
        case .bytes(let bytes): bytes.count
        case .null: 0
        case .texts(let texts): texts.reduce(0) { $0 + $1.utf8.count }
        case .integers(let integers): integers.count * 8
        }
    }
    package static func integer(_ integer: Int64?) -> SQLValue { integer.map(SQLValue.integer) ?? .null }
}

/// One statement of a store operation: its SQL, as a dialect renders it, and the values its placeholders take.
package struct SQLStatement: Sendable {
    package let sql: String
    package let values: [SQLValue]

    /// The statement `write` builds: it appends SQL and binds values through the writer, which renders each
    /// placeholder as `dialect` writes it.
    package init(_ dialect: any SQLDialect, _ write: (inout SQLWriter) throws -> Void) rethrows {
        var writer = SQLWriter(dialect: dialect)
        try write(&writer)
        sql = writer.sql
        values = writer.values
    }
}

/// Builds a statement's SQL and values together, so a placeholder and its value cannot come apart.
package struct SQLWriter {
    package let dialect: any SQLDialect
    package private(set) var sql = ""
    package private(set) var values: [SQLValue] = []

    /// Appends SQL text.
    package mutating func append(_ text: String) {
        sql += text
    }

    /// Binds `value` and returns its placeholder, to write into the SQL.
    package mutating func bind(_ value: SQLValue) -> String {
        values.append(value)
        return dialect.placeholder(values.count)
    }

    /// Appends ` AND` the condition that `claim` still holds the row, where the dialect has claims; the claim is
    /// bound only then, so that every value bound is read.
    package mutating func appendClaimHolds(_ claim: UUID?) {
        guard dialect.newClaim != nil, let holds = dialect.claimHolds(bind(.text(claim?.uuidString ?? ""))) else { return }
        append(" AND \(holds)")
    }
}
