import TicketGateCore

/// Ends a delivery attempt early with its outcome; vendor clients throw it between steps and turn it
/// back into a `DeliveryOutcome` at the end, so they never throw themselves.
struct DeliveryStop: Error, Sendable {
    let outcome: DeliveryOutcome

    static func permanent(_ reason: FailureReason, _ detail: String) -> DeliveryStop {
        DeliveryStop(outcome: .permanent(DeliveryFailure(reason, detail)))
    }

    static func retryable(_ reason: FailureReason, _ detail: String, after retryAfter: Duration? = nil) -> DeliveryStop {
        DeliveryStop(outcome: .retryable(DeliveryFailure(reason, detail), retryAfter: retryAfter))
    }
}
