import Foundation

/// What the worker records when an attempt ends.
package enum DeliveryResult: Sendable, Equatable {
    case delivered(VendorRefs)
    case dryRun
    /// Try again at `at`.
    case retry(at: Date, DeliveryFailure)
    /// The destination paused: the delivery waits, and the attempt does not count against it.
    case paused(until: Date, DeliveryFailure)
    /// The destination had no turn for it: the delivery waits until `until`, and the attempt does not count.
    case deferred(until: Date, DeliveryFailure)
    /// Permanent failure.
    case failed(DeliveryFailure)
    /// Retryable failure, but no attempts are left.
    case dead(DeliveryFailure)

    /// The status the delivery has afterwards.
    package var status: DeliveryStatus {
        switch self {
        case .delivered: .delivered
        case .dryRun: .dryRun
        case .retry, .paused, .deferred: .pending
        case .failed: .failed
        case .dead: .dead
        }
    }
}
