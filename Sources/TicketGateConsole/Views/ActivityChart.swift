import Foundation
import TicketGateCore

/// The overview's chart as SVG geometry: for each of the last 24 hours, the events that arrived (one bar)
/// and their deliveries by where they stand (a stacked bar: delivered, dry runs, pending, failed or dead).
struct ActivityChart: Sendable {
    struct Bar: Sendable {
        var kind: String
        var x: Int
        var y: Int
        var width: Int
        var height: Int
        var label: String
    }

    struct Gridline: Sendable {
        var x1: Int
        var x2: Int
        var y: Int
        var labelY: Int
        var label: String
    }

    struct HourLabel: Sendable {
        var x: Int
        var y: Int
        var text: String
    }

    static let hours = 24
    var width = 960
    var height = 220
    var caption: String
    var bars: [Bar] = []
    var gridlines: [Gridline] = []
    var hours: [HourLabel] = []

    private static let left = 44
    private static let bottom = 20
    private static let top = 8

    /// The chart of the 24 hours up to the one `now` is in.
    init(_ activity: [ActivityHour], now: Date) {
        let hourLength = 3600.0
        let currentHour = (now.timeIntervalSince1970 / hourLength).rounded(.down) * hourLength
        let starts = (0..<Self.hours).map { Date(timeIntervalSince1970: currentHour - Double(Self.hours - 1 - $0) * hourLength) }
        let byStart = Dictionary(activity.map { ($0.start, $0) }, uniquingKeysWith: { first, _ in first })
        let slots = starts.map { byStart[$0] ?? ActivityHour(start: $0, events: 0, deliveries: [:]) }
        let peak = slots.map { max($0.events, $0.deliveries.values.reduce(0, +)) }.max() ?? 0
        let scale = Self.niceCeiling(peak)
        let events = slots.map(\.events).reduce(0, +)
        caption = "\(events) events in the last 24 hours"
        let plotHeight = height - Self.bottom - Self.top
        let slotWidth = (width - Self.left) / Self.hours
        func y(_ value: Int) -> Int { Self.top + plotHeight - value * plotHeight / scale }
        for step in 0...2 {
            let value = scale * step / 2
            gridlines.append(Gridline(x1: Self.left, x2: width, y: y(value), labelY: y(value) + 4, label: "\(value)"))
        }
        for (index, slot) in slots.enumerated() {
            let x = Self.left + index * slotWidth
            let hour = String(format: "%02d:00", Int(slot.start.timeIntervalSince1970 / hourLength) % 24)
            bars.append(
                Bar(
                    kind: "events", x: x + 3, y: y(slot.events), width: slotWidth / 2 - 4, height: y(0) - y(slot.events),
                    label: "\(hour) UTC: \(slot.events) events"))
            let groups: [(String, Int)] = [
                ("ok", slot.deliveries[.delivered] ?? 0),
                ("dry", slot.deliveries[.dryRun] ?? 0),
                ("waiting", slot.deliveries[.pending] ?? 0),
                ("bad", (slot.deliveries[.failed] ?? 0) + (slot.deliveries[.dead] ?? 0)),
            ]
            var stacked = 0
            for (kind, count) in groups where count > 0 {
                bars.append(
                    Bar(
                        kind: kind, x: x + slotWidth / 2, y: y(stacked + count), width: slotWidth / 2 - 4,
                        height: y(stacked) - y(stacked + count), label: "\(hour) UTC: \(count) deliveries \(Self.words[kind] ?? kind)"))
                stacked += count
            }
            if index.isMultiple(of: 3) {
                hours.append(HourLabel(x: x, y: height - 4, text: hour))
            }
        }
    }

    private static let words = ["ok": "delivered", "dry": "dry runs", "waiting": "pending", "bad": "failed or dead"]

    /// The smallest of 2, 4, 10, 20, 40, 100, … that is at least `value`.
    static func niceCeiling(_ value: Int) -> Int {
        var magnitude = 1
        while true {
            for step in [2, 4, 10] where step * magnitude >= value {
                return step * magnitude
            }
            guard magnitude < Int.max / 100 else { return Int.max / 10 }
            magnitude *= 10
        }
    }
}
