import Foundation
import TicketGateCore

/// The events list: the filter form (its values taken from the URL, so a link shares it), one row per event,
/// newest first, how many events match, and links to the newer and the older pages and back to the newest.
struct EventsView: Sendable {
    struct Filter: Sendable {
        var statuses: [ConsoleOption]
        var sources: [ConsoleOption]
        var destinations: [ConsoleOption]
        var rules: [ConsoleOption]
        var text: String
        var since: String
        var until: String
    }

    struct Badge: Sendable {
        var destination: String
        var status: String
        var statusClass: String
    }

    struct Row: Sendable {
        var href: String
        var received: ConsoleTime
        var source: String
        var sender: String
        var subject: String
        var outcome: String
        var outcomeClass: String
        var rules: String
        var deliveries: [Badge]
    }

    /// The URL parameters the list reads and its page links keep, in the order they write them.
    static let parameters = ["status", "source", "destination", "rule", "text", "since", "until", "limit"]

    var frame: ConsoleFrame
    var filter: Filter
    var rows: [Row]
    var error: String?
    var next: String?
    var previous: String?
    var first: String?
    /// `12 events`, or `More than 1,000 events`.
    var total: String?

    init(frame: ConsoleFrame, parameters: [String: String], page: EventPage?, error: String?, rules: any ConsoleRules) {
        self.frame = frame
        self.error = error
        func options(_ values: [String], _ name: String) -> [ConsoleOption] {
            values.map { ConsoleOption(value: $0, label: $0, selected: parameters[name] == $0) }
        }
        filter = Filter(
            statuses: options(EventQuery.Status.allCases.map(\.rawValue), "status"),
            sources: options(rules.sources.keys.sorted(), "source"),
            destinations: options(rules.destinationNames, "destination"),
            rules: options(rules.outlines.map(\.name), "rule"),
            text: parameters["text"] ?? "", since: parameters["since"] ?? "", until: parameters["until"] ?? "")
        rows = (page?.events ?? []).map { event in
            Row(
                href: ConsoleLinks.event(event.id), received: ConsoleFormat.time(event.receivedAt), source: event.source,
                sender: event.sender ?? "unknown", subject: event.subject ?? "(no subject)", outcome: event.outcome,
                outcomeClass: ConsoleFormat.statusClass(event.outcome), rules: event.matchedRules.joined(separator: ", "),
                deliveries: event.deliveries.map {
                    Badge(destination: $0.destination, status: $0.status.rawValue, statusClass: ConsoleFormat.statusClass($0.status.rawValue))
                })
        }
        let kept = Self.parameters.map { ($0, parameters[$0]) }
        next = page?.next.map { ConsoleLinks.events(kept + [("cursor", $0)]) }
        previous = page?.previous.map { ConsoleLinks.events(kept + [("newer", $0)]) }
        first = page?.previous == nil ? nil : ConsoleLinks.events(kept)
        total = page?.total.map { total in
            let count = total.count.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
            return total.more ? "More than \(count) events" : total.count == 1 ? "1 event" : "\(count) events"
        }
    }
}
