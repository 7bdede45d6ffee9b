import Foundation
import TicketGateCore

/// How long the gateway keeps what it received. Raw payloads (and attachments) hold personal data exactly as
/// the sender posted it, so they go first; the event, its decision, deliveries and audit stay longer.
package struct RetentionPolicy: Sendable, Equatable {
    /// Days a raw payload and its attachments are kept. Default 7.
    package var rawPayloadDays: Int
    /// Days an event and its audit are kept. Default 90.
    package var eventDays: Int
    /// How often the pruner runs.
    package var interval: Duration

    package init(rawPayloadDays: Int = 7, eventDays: Int = 90, interval: Duration = .seconds(3600)) {
        self.rawPayloadDays = rawPayloadDays
        self.eventDays = eventDays
        self.interval = interval
    }

    /// What is older than these dates goes, seen at `now`.
    package func cutoffs(at now: Date) -> RetentionCutoffs {
        RetentionCutoffs(
            rawBefore: now.addingTimeInterval(-Double(rawPayloadDays) * 86_400), eventsBefore: now.addingTimeInterval(-Double(eventDays) * 86_400))
    }
}
