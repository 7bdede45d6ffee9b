import Foundation
import TicketGateCore

/// How the console writes values: moments in UTC with their ISO 8601 form, statuses with the CSS class of
/// their colour.
enum ConsoleFormat {
    static func time(_ date: Date) -> ConsoleTime {
        ConsoleTime(text: text(date), iso: date.formatted(.iso8601))
    }

    /// `2026-12-04 15:22:04Z`: ISO 8601 in UTC, a space between date and time.
    static func text(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(dateTimeSeparator: .space))
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
