import Foundation

/// Which events to list, newest first. Every filter is optional; `cursor` continues an earlier page with older
/// events, `newer` goes back to the events newer than a page's first.
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
    /// The events older than this page's `next`.
    package var cursor: String?
    /// The events newer than this page's `previous`.
    package var newer: String?
    /// Whether the page says how many events match the filters (`EventPage.total`).
    package var counting: Bool

    package static let maximumLimit = 500

    package init(
        status: Status? = nil, source: String? = nil, destination: String? = nil, rule: String? = nil, text: String? = nil, since: Date? = nil,
        until: Date? = nil, limit: Int = 50, cursor: String? = nil, newer: String? = nil, counting: Bool = false
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
        self.newer = newer
        self.counting = counting
    }
}

/// One page of events, newest first: the cursor of the older events when there are more, the cursor of the newer
/// ones when this page is not the first, and how many events match when the query asked.
package struct EventPage: Sendable, Codable, Equatable {
    package var events: [EventSummary]
    package var next: String?
    package var previous: String?
    package var total: EventTotal?

    package init(events: [EventSummary], next: String?, previous: String? = nil, total: EventTotal? = nil) {
        self.events = events
        self.next = next
        self.previous = previous
        self.total = total
    }
}

/// How many events match a list's filters, counted up to `EventTotal.countLimit`: past it, `more` says there are
/// more than `count`.
package struct EventTotal: Sendable, Codable, Equatable {
    package static let countLimit = 1000

    package var count: Int
    package var more: Bool

    package init(count: Int, more: Bool) {
        self.count = count
        self.more = more
    }

    /// The total of `counted` rows, read with a limit one past `countLimit`.
    package init(counted: Int) {
        self.init(count: min(counted, Self.countLimit), more: counted > Self.countLimit)
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
