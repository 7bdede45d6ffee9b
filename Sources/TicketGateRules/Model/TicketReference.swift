import TicketGateCore

/// Where `reply_to:` or `order:` finds its reference: written out, or captured from a field with a pattern
/// such as `\[#(\d+)\]` in the subject.
enum TicketReference: Sendable, Equatable {
    case literal(String)
    case capture(FieldPath, Pattern)

    /// The reference for this event, or `nil` when the pattern does not match or gives up on `budget`.
    func resolve(in event: InboundEvent, budget: PatternBudget) -> String? {
        switch self {
        case .literal(let value):
            return value
        case .capture(let path, let pattern):
            return path.value(in: event).flatMap { pattern.firstCapture(in: $0, budget: budget) }
        }
    }
}
