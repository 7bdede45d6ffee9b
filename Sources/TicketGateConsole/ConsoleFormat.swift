import Foundation
import TicketGateCore

/// How the console writes values: every moment in UTC, named (`2026-12-04 15:22:04 UTC`, the chart's hours
/// too), with its ISO 8601 form for `<time datetime>`; statuses with the CSS class of their colour.
enum ConsoleFormat {
    static func time(_ date: Date) -> ConsoleTime {
        ConsoleTime(text: text(date), iso: date.formatted(.iso8601))
    }

    /// `2026-12-04 15:22:04 UTC`.
    static func text(_ date: Date) -> String {
        date.formatted(
            Date.ISO8601FormatStyle(dateSeparator: .dash, dateTimeSeparator: .space, timeZone: .gmt).year().month().day().time(
                includingFractionalSeconds: false)) + " UTC"
    }

    /// `ok`, `dry`, `waiting` or `bad`: the colour of a delivery status or decision outcome. A dry run has a
    /// colour of its own: nothing reached the vendor.
    static func statusClass(_ status: String) -> String {
        switch status {
        case DeliveryStatus.delivered.rawValue, "deliver", "matched": "ok"
        case DeliveryStatus.dryRun.rawValue: "dry"
        case DeliveryStatus.failed.rawValue, DeliveryStatus.dead.rawValue, "unrouted": "bad"
        default: "waiting"
        }
    }
}
