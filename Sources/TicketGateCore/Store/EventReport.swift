import Foundation

/// One delivery of an event, as the operator sees it.
package struct DeliverySummary: Sendable, Codable, Equatable {
    package var id: Int64
    package var destination: String
    package var status: DeliveryStatus
    package var attempts: Int
    package var nextAttemptAt: Date?
    package var refs: VendorRefs
    package var lastFailure: DeliveryFailure?
    /// When the last attempt of a failed or dead delivery ended.
    package var lastAttemptAt: Date?

    package init(
        id: Int64,
        destination: String,
        status: DeliveryStatus,
        attempts: Int,
        nextAttemptAt: Date?,
        refs: VendorRefs,
        lastFailure: DeliveryFailure?,
        lastAttemptAt: Date? = nil
    ) {
        self.id = id
        self.destination = destination
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.refs = refs
        self.lastFailure = lastFailure
        self.lastAttemptAt = lastAttemptAt
    }
}

/// An audit record with the delivery it belongs to, if any.
package struct AuditEntry: Sendable, Codable, Equatable {
    package var deliveryID: Int64?
    package var record: AuditRecord

    package init(deliveryID: Int64?, record: AuditRecord) {
        self.deliveryID = deliveryID
        self.record = record
    }
}

/// Everything known about one event: `ticketgate events show`.
package struct EventReport: Sendable, Codable, Equatable {
    package var event: InboundEvent
    package var decision: Decision
    package var deliveries: [DeliverySummary]
    package var audit: [AuditEntry]

    package init(event: InboundEvent, decision: Decision, deliveries: [DeliverySummary], audit: [AuditEntry]) {
        self.event = event
        self.decision = decision
        self.deliveries = deliveries
        self.audit = audit
    }
}
