import Foundation

/// Which events to list, newest first. Every filter is optional; `cursor` continues an earlier page.
public struct EventQuery: Sendable, Equatable {
    /// A delivery status some delivery of the event has, or the decision: `dropped`, `unrouted`.
    public enum Status: String, Sendable, CaseIterable {
        case pending, delivered
        case dryRun = "dry_run"
        case failed, dead, dropped, unrouted
    }

    public var status: Status?
    public var source: String?
    public var destination: String?
    /// A rule that matched the event.
    public var rule: String?
    /// Text the sender (name or address) or the subject contains, in any case.
    public var text: String?
    public var since: Date?
    public var until: Date?
    public var limit: Int
    public var cursor: String?

    public static let maximumLimit = 500

    public init(
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
public struct EventPage: Sendable, Codable, Equatable {
    public var events: [EventSummary]
    public var next: String?

    public init(events: [EventSummary], next: String?) {
        self.events = events
        self.next = next
    }
}

/// An event as a list shows it.
public struct EventSummary: Sendable, Codable, Equatable {
    public var id: EventID
    public var source: String
    public var kind: EventKind
    public var format: String
    public var receivedAt: Date
    /// `deliver`, `drop` or `unrouted`.
    /// The sender as a person reads it: name and address, or either.
    public var sender: String?
    public var subject: String?
    public var outcome: String
    public var matchedRules: [String]
    public var deliveries: [DeliverySummary]

    public init(
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
