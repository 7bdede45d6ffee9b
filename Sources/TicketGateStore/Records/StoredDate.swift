import Foundation
import GRDB

/// Dates as the store keeps them: GRDB's text format, `yyyy-MM-dd HH:mm:ss.SSS` in UTC, written without
/// `DateFormatter`. GRDB formats every `Date` argument with a shared ICU formatter, which took 4 % of the
/// gateway's CPU under load (every row has a date or three), and whose first use loads ICU's locale, calendar,
/// number and currency data: 3 MB of the idle gateway's memory, for the retention pass at start-up. So every
/// date the store writes or compares goes through here, rows and query arguments alike. The text is the same,
/// character for character, so stored dates still compare and read back as before.
enum StoredDate {
    static func databaseValue(_ date: Date) -> DatabaseValue {
        text(date).map(\.databaseValue) ?? date.databaseValue
    }

    static func databaseValue(_ date: Date?) -> DatabaseValue {
        date.map(databaseValue) ?? .null
    }

    /// The text, or `nil` before 1583 (ICU formats those in the Julian calendar) and after 9999: GRDB's
    /// formatter then writes them. Milliseconds are rounded to the nearest, halves up, as ICU does.
    static func text(_ date: Date) -> String? {
        let milliseconds = (date.timeIntervalSince1970 * 1000 + 0.5).rounded(.down)
        guard milliseconds.isFinite, milliseconds >= -12_212_553_600_000, milliseconds < 253_402_300_800_000 else { return nil }
        let total = Int64(milliseconds)
        let dayLength: Int64 = 86_400_000
        let days = total >= 0 ? total / dayLength : (total - dayLength + 1) / dayLength
        var rest = total - days * dayLength
        let (year, month, day) = civil(fromDays: days)
        let hour = rest / 3_600_000
        rest %= 3_600_000
        let minute = rest / 60_000
        rest %= 60_000
        let second = rest / 1000
        let millisecond = rest % 1000
        // Written straight into the string's storage: its only allocation.
        return String(unsafeUninitializedCapacity: 23) { buffer in
            var position = 0
            func put(_ value: Int64, width: Int, after separator: UInt8?) {
                if let separator {
                    buffer[position] = separator
                    position += 1
                }
                var rest = value
                for offset in stride(from: width - 1, through: 0, by: -1) {
                    buffer[position + offset] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                position += width
            }
            put(year, width: 4, after: nil)
            put(month, width: 2, after: UInt8(ascii: "-"))
            put(day, width: 2, after: UInt8(ascii: "-"))
            put(hour, width: 2, after: UInt8(ascii: " "))
            put(minute, width: 2, after: UInt8(ascii: ":"))
            put(second, width: 2, after: UInt8(ascii: ":"))
            put(millisecond, width: 3, after: UInt8(ascii: "."))
            return position
        }
    }

    /// Year, month and day of a day count since 1970-01-01 in the proleptic Gregorian calendar (Howard
    /// Hinnant's `civil_from_days`).
    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
