import Foundation

/// Everything the request path stores for one event, in one transaction, before it answers 202.
public struct AcceptedEvent: Sendable {
    public var event: InboundEvent
    /// The body exactly as received.
    public var rawBody: Data
    public var contentType: String?
    public var decision: Decision
    /// The records of the stages so far: received, verified, decided.
    public var audit: [AuditRecord]

    public init(event: InboundEvent, rawBody: Data, contentType: String?, decision: Decision, audit: [AuditRecord]) {
        self.event = event
        self.rawBody = rawBody
        self.contentType = contentType
        self.decision = decision
        self.audit = audit
    }
}
