import Foundation

/// Days of the week and times of day in a time zone, for `within`: `{ days: [mon-fri], hours: "09:00-17:30",
/// time_zone: Europe/Amsterdam }`. A time range may cross midnight ("22:00-06:00"); the day is the local day
/// of the moment tested.
struct BusinessHours: Sendable, Equatable, CustomStringConvertible {
    /// Calendar weekdays, 1 (Sunday) to 7 (Saturday).
    let weekdays: Set<Int>
    /// Minutes after local midnight, start included and end excluded.
    let ranges: [Range<Int>]
    let overnight: [(start: Int, end: Int)]
    let timeZone: TimeZone
    let description: String

    static let dayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

    init(weekdays: Set<Int>, minutes: [(start: Int, end: Int)], timeZone: TimeZone, description: String) {
        self.weekdays = weekdays
        self.ranges = minutes.filter { $0.start < $0.end }.map { $0.start..<$0.end }
        self.overnight = minutes.filter { $0.start >= $0.end }
        self.timeZone = timeZone
        self.description = description
    }

    func contains(_ date: Date) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.weekday, .hour, .minute], from: date)
        guard let weekday = parts.weekday, weekdays.contains(weekday) else { return false }
        let minute = (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
        if ranges.isEmpty && overnight.isEmpty { return true }
        return ranges.contains { $0.contains(minute) } || overnight.contains { minute >= $0.start || minute < $0.end }
    }

    /// `mon`, `mon-fri` (and `fri-mon`, which wraps) to calendar weekdays.
    static func weekdays(_ text: String) -> Set<Int>? {
        let bounds = text.lowercased().split(separator: "-", maxSplits: 1).map(String.init)
        guard let first = dayNames.firstIndex(of: bounds[0]) else { return nil }
        guard bounds.count == 2 else { return [first + 1] }
        guard let last = dayNames.firstIndex(of: bounds[1]) else { return nil }
        var days = Set<Int>()
        var day = first
        while true {
            days.insert(day + 1)
            if day == last { break }
            day = (day + 1) % 7
        }
        return days
    }

    /// `09:00-17:30` to minutes after midnight; `24:00` is allowed as an end.
    static func minutes(_ text: String) -> (start: Int, end: Int)? {
        let bounds = text.split(separator: "-", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard bounds.count == 2, let start = clock(bounds[0]), let end = clock(bounds[1]), start < 24 * 60 else { return nil }
        return (start, end)
    }

    private static func clock(_ text: String) -> Int? {
        let parts = text.split(separator: ":").map { Int($0) }
        guard parts.count == 2, let hour = parts[0], let minute = parts[1], (0...24).contains(hour), (0..<60).contains(minute) else { return nil }
        let value = hour * 60 + minute
        return value <= 24 * 60 ? value : nil
    }

    static func == (lhs: BusinessHours, rhs: BusinessHours) -> Bool { lhs.description == rhs.description }
}
