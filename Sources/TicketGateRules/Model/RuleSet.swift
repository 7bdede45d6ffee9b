import TicketGateCore

/// The compiled rules directory: sources, destinations, defaults and the ordered rules.
/// Immutable and pure: deciding reads nothing but the event.
public struct RuleSet: Sendable {
    public let sources: [String: SourceDefinition]
    public let destinations: [String: DestinationDefinition]
    let defaults: RuleSettings
    let rules: [Rule]

    init(sources: [String: SourceDefinition], destinations: [String: DestinationDefinition], defaults: RuleSettings, rules: [Rule]) {
        self.sources = sources
        self.destinations = destinations
        self.defaults = defaults
        self.rules = rules
    }

    /// The rule names, in the order they are tried.
    public var ruleNames: [String] { rules.map(\.name) }

    /// Runs the event through the rules: the first match wins unless it says `continue`; tags accumulate over
    /// every match, other settings are overwritten by later matches; a matching `drop` ends the decision.
    public func decide(_ event: InboundEvent) -> Decision {
        var settings = defaults
        var trace: [RuleTrace] = []
        trace.reserveCapacity(rules.count)
        var stopped = false
        for rule in rules {
            if stopped {
                trace.append(RuleTrace(rule: rule.name, result: .notEvaluated))
                continue
            }
            if let failure = rule.condition.firstFailure(in: event) {
                trace.append(RuleTrace(rule: rule.name, result: .notMatched, failedCondition: failure))
                continue
            }
            trace.append(RuleTrace(rule: rule.name, result: .matched))
            switch rule.action {
            case .drop(let reason):
                let skipped = rules.dropFirst(trace.count).map { RuleTrace(rule: $0.name, result: .notEvaluated) }
                return Decision(trace: trace + skipped, outcome: .drop(rule: rule.name, reason: reason))
            case .set(let ruleSettings):
                settings.apply(ruleSettings)
            }
            stopped = !rule.continues
        }
        guard let destination = settings.destination else {
            return Decision(trace: trace, outcome: .unrouted(reason: "no matching rule and no default chooses a destination"))
        }
        let draft = DraftBuilder.draft(for: event, settings: settings, destination: destination)
        return Decision(trace: trace, outcome: .deliver(draft))
    }
}
