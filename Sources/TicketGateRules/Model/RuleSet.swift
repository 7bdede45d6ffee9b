import TicketGateCore

/// The compiled rules directory: sources, destinations, defaults and the ordered rules.
/// Immutable and pure: deciding reads nothing but the event.
public struct RuleSet: Sendable {
    public let sources: [String: SourceDefinition]
    public let destinations: [String: DestinationDefinition]
    let defaults: RuleSettings
    let rules: [Rule]
    /// The field paths the conditions read, by slot.
    let fieldPaths: [FieldPath]
    /// The conditions compiled for the request path.
    let program: ConditionProgram

    init(
        sources: [String: SourceDefinition], destinations: [String: DestinationDefinition], defaults: RuleSettings, rules: [Rule],
        fieldPaths: [FieldPath]
    ) {
        self.sources = sources
        self.destinations = destinations
        self.defaults = defaults
        self.rules = rules
        self.fieldPaths = fieldPaths
        self.program = ConditionProgram(rules.map(\.condition), slots: fieldPaths.count)
    }

    /// The rule names, in the order they are tried.
    public var ruleNames: [String] { rules.map(\.name) }

    /// How much of the rules' work a decision records.
    public enum Trace: Sendable {
        /// The rules that matched: what each event's audit keeps.
        case matches
        /// Every rule, matched, not matched with the first condition that failed, or not evaluated: for `explain`.
        case full
    }

    /// Runs the event through the rules: the first match wins unless it says `continue`; tags accumulate over
    /// every match, other settings are overwritten by later matches; a matching `drop` ends the decision.
    ///
    /// A rule whose `matches` pattern gave up on its budget is in the trace whatever `detail` asks for, with
    /// the pattern named, so the audit says why it did not match.
    public func decide(_ event: InboundEvent, trace detail: Trace = .matches) -> Decision {
        let spent = SpentPatterns()
        switch detail {
        case .matches:
            return program.withEvaluator(EventFields(event, paths: fieldPaths, needs: program.slotNeeds), spent: spent) { evaluator in
                decide(event, detail: detail, spent: spent) { index in evaluator.holds(rule: index) ? nil : "" }
            }
        case .full:
            var view = EventView(event, paths: fieldPaths, spent: spent)
            return decide(event, detail: detail, spent: spent) { index in rules[index].condition.firstFailure(in: &view) }
        }
    }

    /// The decision, with `failure(index)` saying whether rule `index` matches (`nil`) or what failed.
    private func decide(_ event: InboundEvent, detail: Trace, spent: SpentPatterns, failure: (Int) -> String?) -> Decision {
        var settings = defaults
        var trace: [RuleTrace] = []
        for index in rules.indices {
            let failed = failure(index)
            let gaveUp = spent.take()
            if let failed {
                if detail == .full || !gaveUp.isEmpty {
                    let note = gaveUp.map { "/\($0)/ gave up: its match budget was spent" }
                    let condition = ([detail == .full ? failed : nil].compactMap { $0 } + note).joined(separator: "; ")
                    trace.append(RuleTrace(rule: rules[index].name, result: .notMatched, failedCondition: condition))
                }
                continue
            }
            let rule = rules[index]
            trace.append(RuleTrace(rule: rule.name, result: .matched))
            switch rule.action {
            case .drop(let reason):
                if detail == .full { trace += notEvaluated(after: index) }
                return Decision(trace: trace, outcome: .drop(rule: rule.name, reason: reason))
            case .set(let ruleSettings):
                settings.apply(ruleSettings)
            }
            if !rule.continues {
                if detail == .full { trace += notEvaluated(after: index) }
                break
            }
        }
        guard let destination = settings.destination else {
            return Decision(trace: trace, outcome: .unrouted(reason: "no matching rule and no default chooses a destination"))
        }
        return Decision(trace: trace, outcome: .deliver(DraftBuilder.draft(for: event, settings: settings, destination: destination)))
    }

    private func notEvaluated(after index: Int) -> [RuleTrace] {
        rules[(index + 1)...].map { RuleTrace(rule: $0.name, result: .notEvaluated) }
    }
}
