/// What the rules made of one event, with the trace that explains it.
package struct Decision: Sendable, Codable, Equatable {
    /// Where the event goes.
    package enum Outcome: Sendable, Codable, Equatable {
        /// Create this ticket.
        case deliver(TicketDraft)
        /// A rule dropped the event on purpose.
        case drop(rule: String, reason: String)
        /// Nothing chose a destination.
        case unrouted(reason: String)

        /// `deliver`, `drop` or `unrouted`: the outcome's name in the store, the audit and the metrics.
        package var name: String {
            switch self {
            case .deliver: "deliver"
            case .drop: "drop"
            case .unrouted: "unrouted"
            }
        }
    }

    package var trace: [RuleTrace]
    package var outcome: Outcome

    package init(trace: [RuleTrace], outcome: Outcome) {
        self.trace = trace
        self.outcome = outcome
    }

    /// The names of the rules that matched, in order.
    package var matchedRules: [String] {
        trace.filter { $0.result == .matched }.map(\.rule)
    }

    /// The ticket to create, when the outcome is a delivery.
    package var draft: TicketDraft? {
        if case .deliver(let draft) = outcome { draft } else { nil }
    }
}
