import Foundation
import TicketGateCore

/// How the console writes values: moments in UTC with their ISO 8601 form, statuses with the CSS class of
/// their colour.
enum ConsoleFormat {
    static func time(_ date: Date) -> ConsoleTime {
        ConsoleTime(text: text(date), iso: date.formatted(.iso8601))
    }

    /// `2026-12-04 15:22:04 UTC`.
    static func text(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d:%02d UTC", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0,
            parts.second ?? 0)
    }

    /// `ok`, `waiting` or `bad`: the colour of a delivery status or decision outcome.
    static func statusClass(_ status: String) -> String {
        switch status {
        case DeliveryStatus.delivered.rawValue, DeliveryStatus.dryRun.rawValue, "deliver", "matched": "ok"
        case DeliveryStatus.failed.rawValue, DeliveryStatus.dead.rawValue, "unrouted": "bad"
        default: "waiting"
        }
    }
}
