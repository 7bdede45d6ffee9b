/// Where a delivery stands.
package enum DeliveryStatus: String, Sendable, Codable, CaseIterable {
    /// Waiting for its next attempt, or being attempted now.
    case pending
    case delivered
    /// Written to the audit instead of being sent.
    case dryRun = "dry_run"
    /// Failed for good: the vendor refused it.
    case failed
    /// Every attempt failed; waits for an operator.
    case dead

    /// True once the delivery will not be attempted again by itself.
    package var isFinal: Bool { self != .pending }
}
