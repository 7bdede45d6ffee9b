import Foundation

/// Parses `within: { days: [mon-fri], hours: "09:00-17:30", time_zone: Europe/Amsterdam }`.
struct BusinessHoursParser {
    let values: ValueReader

    static let keys = ["days", "hours", "time_zone"]

    func parse(_ node: ConfigNode, diagnostics: inout Diagnostics) -> BusinessHours? {
        guard let map = MappingReader(node, what: "within", allowed: Self.keys, diagnostics: &diagnostics) else { return nil }
        let days = map["days"].map { parseDays($0, diagnostics: &diagnostics) } ?? (Set(1...7), "every day")
        let hours = map["hours"].map { parseHours($0, diagnostics: &diagnostics) } ?? ([], "all day")
        let zone = map["time_zone"].map { parseZone($0, diagnostics: &diagnostics) } ?? TimeZone(identifier: "UTC")
        guard let (weekdays, dayText) = days, let (minutes, hourText) = hours, let zone else { return nil }
        return BusinessHours(weekdays: weekdays, minutes: minutes, timeZone: zone, description: "\(dayText) \(hourText) \(zone.identifier)")
    }

    private func parseDays(_ node: ConfigNode, diagnostics: inout Diagnostics) -> (Set<Int>, String)? {
        guard let days = values.stringList(node, what: "days", diagnostics: &diagnostics) else { return nil }
        var weekdays = Set<Int>()
        for day in days {
            guard let parsed = BusinessHours.weekdays(day) else {
                diagnostics.error("days are mon, tue, wed, thu, fri, sat, sun or ranges such as mon-fri, found '\(day)'", at: node)
                return nil
            }
            weekdays.formUnion(parsed)
        }
        return (weekdays, days.joined(separator: ","))
    }

    private func parseHours(_ node: ConfigNode, diagnostics: inout Diagnostics) -> ([(start: Int, end: Int)], String)? {
        guard let ranges = values.stringList(node, what: "hours", diagnostics: &diagnostics) else { return nil }
        var minutes: [(start: Int, end: Int)] = []
        for range in ranges {
            guard let parsed = BusinessHours.minutes(range) else {
                diagnostics.error("hours are ranges such as 09:00-17:30 (22:00-06:00 crosses midnight), found '\(range)'", at: node)
                return nil
            }
            minutes.append(parsed)
        }
        return (minutes, ranges.joined(separator: ","))
    }

    private func parseZone(_ node: ConfigNode, diagnostics: inout Diagnostics) -> TimeZone? {
        guard let name = values.nonEmptyString(node, what: "time_zone", diagnostics: &diagnostics) else { return nil }
        guard let zone = TimeZone(identifier: name) else {
            diagnostics.error("unknown time zone '\(name)'; use an IANA name such as Europe/Amsterdam", at: node)
            return nil
        }
        return zone
    }
}
