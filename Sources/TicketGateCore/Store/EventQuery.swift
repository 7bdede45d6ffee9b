import Foundation

/// Which events to list, newest first. Every filter is optional; `cursor` continues an earlier page.
package struct EventQuery: Sendable, Equatable {
    /// A delivery status some delivery of the event has, or the decision: `dropped`, `unrouted`.
    package enum Status: String, Sendable, CaseIterable {
        case pending, delivered
        case dryRun = "dry_run"
        case failed, dead, dropped, unrouted
    }

    package var status: Status?
    package var source: String?
    package var destination: String?
    /// A rule that matched the event.
    package var rule: String?
    /// Text the sender (name or address) or the subject contains, in any case.
    package var text: String?
    package var since: Date?
    package var until: Date?
    package var limit: Int
    package var cursor: String?

    package static let maximumLimit = 500

    package init(
        status: Status? = nil, source: String? = nil, destination: String? = nil, rule: String? = nil, text: String? = nil, since: Date? = nil,
        until: Date? = nil, limit: Int = 50, cursor: String? = nil
    ) {
        self.status = status
        self.source = source
        self.destination = destination
        self.rule = rule
        self.text = text
        self.since = since
        self.until = until
        self.limit = min(max(limit, 1), Self.maximumLimit)
        self.cursor = cursor
    }
}

/// One page of events, and the cursor of the next when there is more.
package struct EventPage: Sendable, Codable, Equatable {
    package var events: [EventSummary]
    package var next: String?

    package init(events: [EventSummary], next: String?) {
        self.events = events
        self.next = next
    }
}

/// An event as a list shows it.
package struct EventSummary: Sendable, Codable, Equatable {
    package var id: EventID
    package var source: String
    package var kind: EventKind
    package var format: String
    package var receivedAt: Date
    /// `deliver`, `drop` or `unrouted`.
    /// The sender as a person reads it: name and address, or either.
    package var sender: String?
    package var subject: String?
    package var outcome: String
    package var matchedRules: [String]
    package var deliveries: [DeliverySummary]

    package init(
        id: EventID, source: String, kind: EventKind, format: String, receivedAt: Date, sender: String? = nil, subject: String? = nil,
        outcome: String, matchedRules: [String], deliveries: [DeliverySummary]
    ) {
        self.id = id
        self.source = source
        self.kind = kind
        self.format = format
        self.receivedAt = receivedAt
        self.sender = sender
        self.subject = subject
        self.outcome = outcome
        self.matchedRules = matchedRules
        self.deliveries = deliveries
    }
}
