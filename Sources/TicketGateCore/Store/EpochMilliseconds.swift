import Foundation

/// Dates as both stores keep them: whole milliseconds since 1970-01-01 UTC in integer columns, which compare
/// as numbers in SQL.
package enum EpochMilliseconds {
    /// The date's nearest millisecond (a date made by adding 0.001 s is a hair below or above it); a date beyond
    /// what 64 bits of milliseconds hold (about 292 million years either way) is held at the nearest end.
    package static func of(_ date: Date) -> Int64 {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        guard milliseconds.isFinite else { return milliseconds > 0 ? .max : .min }
        return Int64(exactly: milliseconds) ?? (milliseconds > 0 ? .max : .min)
    }

    /// The duration in whole milliseconds, rounded up so a wait is never cut short, held at the 64-bit ends.
    package static func of(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        guard !overflow else { return seconds > 0 ? .max : .min }
        let fraction = attoseconds / 1_000_000_000_000_000 + (attoseconds % 1_000_000_000_000_000 > 0 ? 1 : 0)
        let (total, sumOverflow) = whole.addingReportingOverflow(fraction)
        return sumOverflow ? .max : total
    }

    /// The date `Date` holds nearest to the millisecond, counted from its own reference date (2001), so a date
    /// made from whole milliseconds reads back equal to itself.
    package static func date(_ milliseconds: Int64) -> Date {
        let (sinceReferenceDate, overflow) = milliseconds.subtractingReportingOverflow(referenceDateMilliseconds)
        guard !overflow else { return Date(timeIntervalSince1970: Double(milliseconds) / 1000) }
        return Date(timeIntervalSinceReferenceDate: Double(sinceReferenceDate) / 1000)
    }

    /// 2001-01-01 00:00:00 UTC in milliseconds since 1970.
    private static let referenceDateMilliseconds: Int64 = 978_307_200_000
}
