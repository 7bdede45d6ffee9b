import Foundation

/// One line of an event's audit trail: what happened at one stage, and why.
package struct AuditRecord: Sendable, Codable, Equatable {
    /// The pipeline stages that leave a record.
    package enum Stage: String, Sendable, Codable, CaseIterable {
        case received
        case verified
        case decided
        case vendorCall = "vendor_call"
        case dryRun = "dry_run"
        case delivered
        case retryScheduled = "retry_scheduled"
        /// The destination refused its credential; the delivery waits for it without using up an attempt.
        case paused
        /// The event continues a conversation: which ticket its message goes to, or why it opens a new one.
        case threaded
        case failed
        case dead
        /// A delivery failed for good or dead-lettered, and the ticket goes to the rule's fallback destination.
        case fallback
        /// An operator ran the event through the rules again.
        case replayed
        /// An operator put a failed or dead delivery back in the outbox.
        case requeued
    }

    package var stage: Stage
    package var at: Date
    /// One line for a person.
    package var summary: String
    /// Structured facts behind the summary.
    package var detail: [String: JSONValue]

    package init(stage: Stage, at: Date, summary: String, detail: [String: JSONValue] = [:]) {
        self.stage = stage
        self.at = at
        self.summary = summary
        self.detail = detail
    }
}
