import Foundation

/// One delivery of an event, as the operator sees it.
public struct DeliverySummary: Sendable, Codable, Equatable {
    public var id: Int64
    public var destination: String
    public var status: DeliveryStatus
    public var attempts: Int
    public var nextAttemptAt: Date?
    public var refs: VendorRefs
    public var lastFailure: DeliveryFailure?

    public init(
        id: Int64,
        destination: String,
        status: DeliveryStatus,
        attempts: Int,
        nextAttemptAt: Date?,
        refs: VendorRefs,
        lastFailure: DeliveryFailure?
    ) {
        self.id = id
        self.destination = destination
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.refs = refs
        self.lastFailure = lastFailure
    }
}

/// An audit record with the delivery it belongs to, if any.
public struct AuditEntry: Sendable, Codable, Equatable {
    public var deliveryID: Int64?
    public var record: AuditRecord

    public init(deliveryID: Int64?, record: AuditRecord) {
        self.deliveryID = deliveryID
        self.record = record
    }
}

/// Everything known about one event: `ticketgate events show`.
public struct EventReport: Sendable, Codable, Equatable {
    public var event: InboundEvent
    public var decision: Decision
    public var deliveries: [DeliverySummary]
    public var audit: [AuditEntry]

    public init(event: InboundEvent, decision: Decision, deliveries: [DeliverySummary], audit: [AuditEntry]) {
        self.event = event
        self.decision = decision
        self.deliveries = deliveries
        self.audit = audit
    }
}
