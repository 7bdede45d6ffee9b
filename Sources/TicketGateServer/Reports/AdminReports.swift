import Foundation
import TicketGateCore

/// The admin API's answers written for a person, for `ticketgate events` and `ticketgate destinations`.
package enum AdminReports {
    /// One line per event: when, id, source, what was decided, each delivery with its status and attempts,
    /// and the rules that matched; then how to get the next page.
    package static func format(_ page: EventPage) -> String {
        var lines = page.events.map { event in
            let deliveries = event.deliveries.map { delivery in
                "#\(delivery.id) \(delivery.destination) \(delivery.status.rawValue)" + (delivery.attempts > 1 ? " ×\(delivery.attempts)" : "")
                    + (delivery.lastFailure.map { " (\($0.reason.rawValue))" } ?? "")
            }
            let outcome = event.outcome == "deliver" ? (deliveries.isEmpty ? "deliver" : deliveries.joined(separator: ", ")) : event.outcome
            let rules = event.matchedRules.isEmpty ? "" : "  rules: " + event.matchedRules.joined(separator: ", ")
            let sender = event.sender.map(Self.oneLine) ?? "-"
            let subject = event.subject.map { "\"\(Self.oneLine($0))\"" } ?? "-"
            return "\(event.receivedAt.formatted(.iso8601))  \(event.id)  \(event.source)  \(sender)  \(subject)  \(outcome)\(rules)"
        }
        if lines.isEmpty { lines.append("no events") }
        if let next = page.next { lines.append("more: --cursor \(next)") }
        return lines.joined(separator: "\n")
    }

    /// `text` on one line of at most 60 characters: its line breaks and other control characters written out.
    private static func oneLine(_ text: String) -> String {
        let escaped = ControlCharacters.escaped(text, keeping: [])
        return escaped.count > 60 ? escaped.prefix(59) + "…" : escaped
    }

    /// One line per destination: vendor, dry run, rate limit, pause, deliveries by status.
    package static func format(_ list: DestinationList) -> String {
        list.destinations.map { destination in
            var parts = ["\(destination.name) (\(destination.vendor))"]
            if destination.dryRun { parts.append("dry run") }
            if let rate = destination.rateLimit { parts.append("rate \(rate)") }
            if let paused = destination.paused {
                parts.append(
                    "PAUSED (\(paused.reason)) since \(paused.since.formatted(.iso8601))"
                        + (paused.nextProbeAt.map { ", next probe \($0.formatted(.iso8601))" } ?? ""))
            }
            let counts = destination.deliveries.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            parts.append(counts.isEmpty ? "no deliveries" : counts.joined(separator: ", "))
            return parts.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// One line per instance: name, alive or gone, attempts running, last heartbeat; the answering one marked.
    package static func format(_ list: InstanceList) -> String {
        guard !list.instances.isEmpty else { return "no instances registered" }
        return list.instances.map { instance in
            [
                instance.name + (instance.answering ? " (this one)" : ""),
                instance.alive ? "alive" : "GONE",
                "\(instance.runningAttempts) attempts running",
                "started \(instance.startedAt.formatted(.iso8601))",
                "last heartbeat \(instance.heartbeatAt.formatted(.iso8601))",
                "id \(instance.id.uuidString.lowercased())",
            ].joined(separator: "  ")
        }.joined(separator: "\n")
    }

    package static func format(_ result: ReplayResult) -> String {
        var lines = ["event \(result.id) replayed through rules \(result.rulesVersion): \(result.outcome)"]
        if !result.matchedRules.isEmpty { lines.append("  matched: " + result.matchedRules.joined(separator: ", ")) }
        for delivery in result.deliveries {
            lines.append("  queued delivery #\(delivery.id) to \(delivery.destination)" + (delivery.refs.ticketID.map { " (ticket \($0))" } ?? ""))
        }
        if let skipped = result.skipped { lines.append("  not queued: \(skipped)") }
        return lines.joined(separator: "\n")
    }

    package static func format(_ requeued: RequeuedDeliveries) -> String {
        guard !requeued.deliveries.isEmpty else { return "no failed or dead deliveries to retry" }
        return requeued.deliveries.map { "requeued delivery #\($0.id) to \($0.destination)" }.joined(separator: "\n")
    }

    /// Any answer as indented JSON with sorted keys, for `--json`.
    package static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
