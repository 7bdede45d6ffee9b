import Foundation
import GRDB

/// Dates as the store keeps them: whole milliseconds since 1970-01-01 UTC in INTEGER columns, which compare as
/// numbers in SQL. Every date the store writes or reads goes through here (`EventRow`'s `Decodable` reading
/// too, as its date decoding strategy).
enum StoredDate {
    /// The date's nearest millisecond (a date made by adding 0.001 s is a hair below or above it); a date beyond
    /// what 64 bits of milliseconds hold (about 292 million years either way) is held at the nearest end.
    static func milliseconds(_ date: Date) -> Int64 {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        guard milliseconds.isFinite else { return milliseconds > 0 ? .max : .min }
        return Int64(exactly: milliseconds) ?? (milliseconds > 0 ? .max : .min)
    }

    /// The date `Date` holds nearest to the millisecond, counted from its own reference date (2001), so a date
    /// made from whole milliseconds reads back equal to itself.
    static func date(milliseconds: Int64) -> Date {
        let (sinceReferenceDate, overflow) = milliseconds.subtractingReportingOverflow(referenceDateMilliseconds)
        guard !overflow else { return Date(timeIntervalSince1970: Double(milliseconds) / 1000) }
        return Date(timeIntervalSinceReferenceDate: Double(sinceReferenceDate) / 1000)
    }

    /// 2001-01-01 00:00:00 UTC in milliseconds since 1970.
    private static let referenceDateMilliseconds: Int64 = 978_307_200_000

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
