import TicketGateCore

extension Result where Failure == DeliveryFailure {
    /// The value, or the failure as a stop of the attempt.
    func get() throws(DeliveryStop) -> Success {
        switch self {
        case .success(let value): return value
        case .failure(let failure): throw DeliveryStop(outcome: .permanent(failure))
        }
    }
}
