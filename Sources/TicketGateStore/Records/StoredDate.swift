import Foundation
import GRDB
import TicketGateCore

/// Dates in SQLite columns, as `EpochMilliseconds` in INTEGER columns. Every date the store writes or reads
/// goes through here (`EventRow`'s `Decodable` reading too, as its date decoding strategy).
enum StoredDate {
    static func milliseconds(_ date: Date) -> Int64 {
        EpochMilliseconds.of(date)
    }

    static func date(milliseconds: Int64) -> Date {
        EpochMilliseconds.date(milliseconds)
    }

    static func databaseValue(_ date: Date) -> DatabaseValue {
        milliseconds(date).databaseValue
    }

    static func databaseValue(_ date: Date?) -> DatabaseValue {
        date.map(databaseValue) ?? .null
    }

    /// The date in a column, `nil` when it is NULL.
    static func date(_ value: DatabaseValue) -> Date? {
        Int64.fromDatabaseValue(value).map { date(milliseconds: $0) }
    }
}
