import Foundation

/// Everything the request path stores for one event, in one transaction, before it answers 202.
package struct AcceptedEvent: Sendable {
    package var event: InboundEvent
    /// The body exactly as received.
    package var rawBody: Data
    package var contentType: String?
    package var decision: Decision
    /// The records of the stages so far: received, verified, decided.
    package var audit: [AuditRecord]
    /// What identifies the event at its source; a second event with the same key is a duplicate.
    package var dedupeKey: String?

    package init(event: InboundEvent, rawBody: Data, contentType: String?, decision: Decision, audit: [AuditRecord], dedupeKey: String? = nil) {
        self.event = event
        self.rawBody = rawBody
        self.contentType = contentType
        self.decision = decision
        self.audit = audit
        self.dedupeKey = dedupeKey
    }
}

/// What `accept` did with an event.
package enum AcceptOutcome: Sendable, Equatable {
    /// The event, its decision, outbox rows and audit records are committed.
    case stored
    /// The source sent this event before; nothing was stored, and this is the first one's id.
    case duplicate(of: EventID)
}
