import TicketGateCore

/// The compiled rules directory: sources, destinations, defaults and the ordered rules.
/// Immutable and pure: deciding reads nothing but the event.
package struct RuleSet: Sendable {
    package let sources: [String: SourceDefinition]
    package let destinations: [String: DestinationDefinition]
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
    package var ruleNames: [String] { rules.map(\.name) }

    /// How much of the rules' work a decision records.
    package enum Trace: Sendable {
        /// The rules that matched: what each event's audit keeps.
        case matches
        /// Every rule, matched, not matched with the first condition that failed, or not evaluated: for `explain`.
        case full
    }

    /// Runs the event through the rules: the first match wins unless it says `continue`; tags accumulate over
    /// every match, other settings are overwritten by later matches; a matching `drop` ends the decision.
    ///
    /// Every regular-expression search of the decision draws on one `PatternBudget`. A rule whose `matches`
    /// pattern gave up on it is in the trace whatever `detail` asks for, with the pattern named, so the audit says
    /// why it did not match.
    package func decide(_ event: InboundEvent, trace detail: Trace = .matches) -> Decision {
        decide(event, trace: detail, budget: PatternBudget())
    }

    /// `decide` with the budget given, so that its use can be read afterwards.
    func decide(_ event: InboundEvent, trace detail: Trace = .matches, budget: PatternBudget) -> Decision {
        let decided: (trace: [RuleTrace], traced: [Int], outcome: Decision.Outcome)
        switch detail {
        case .matches:
            decided = program.withEvaluator(EventFields(event, paths: fieldPaths, needs: program.slotNeeds), budget: budget) { evaluator in
                decide(event, detail: detail, budget: budget) { index in evaluator.holds(rule: index) ? nil : "" }
            }
        case .full:
            var view = ResolvedFields(event, paths: fieldPaths, budget: budget)
            decided = decide(event, detail: detail, budget: budget) { index in
                view.rule = index
                return rules[index].condition.firstFailure(in: &view)
            }
        }
        let gaveUp = budget.gaveUp
        guard !gaveUp.isEmpty else { return Decision(trace: decided.trace, outcome: decided.outcome) }
        return Decision(trace: noting(gaveUp, in: decided.trace, traced: decided.traced), outcome: decided.outcome)
    }

    /// The trace, the index of the rule of each of its entries, and the outcome, with `failure(index)` saying
    /// whether rule `index` matches (`nil`) or what failed.
    private func decide(_ event: InboundEvent, detail: Trace, budget: PatternBudget, failure: (Int) -> String?) -> (
        trace: [RuleTrace], traced: [Int], outcome: Decision.Outcome
    ) {
        var settings = defaults
        var trace: [RuleTrace] = []
        var traced: [Int] = []
        for index in rules.indices {
            if let failed = failure(index) {
                if detail == .full {
                    trace.append(RuleTrace(rule: rules[index].name, result: .notMatched, failedCondition: failed))
                    traced.append(index)
                }
                continue
            }
            let rule = rules[index]
            trace.append(RuleTrace(rule: rule.name, result: .matched))
            traced.append(index)
            switch rule.action {
            case .drop(let reason):
                if detail == .full { trace += notEvaluated(after: index) }
                return (trace, traced, .drop(rule: rule.name, reason: reason))
            case .set(let ruleSettings):
                settings.apply(ruleSettings)
            }
            if !rule.continues {
                if detail == .full { trace += notEvaluated(after: index) }
                break
            }
        }
        guard let destination = settings.destination else {
            return (trace, traced, .unrouted(reason: "no matching rule and no default chooses a destination"))
        }
        return (trace, traced, .deliver(DraftBuilder.draft(for: event, settings: settings, destination: destination, budget: budget)))
    }

    /// `trace` with every rule that did not match because a pattern gave up on its budget saying so, whatever
    /// the trace's detail: the rule's entry names the patterns, and a rule the trace left out is put in, in
    /// rule order. `traced` holds the rule index of each of the first entries of `trace`.
    private func noting(_ gaveUp: [Int: [String]], in trace: [RuleTrace], traced: [Int]) -> [RuleTrace] {
        var entries = Array(zip(traced, trace.prefix(traced.count)))
        for (rule, sources) in gaveUp {
            let note = sources.map { "/\($0)/ gave up: its match budget was spent" }.joined(separator: "; ")
            if let position = entries.firstIndex(where: { $0.0 == rule }) {
                guard entries[position].1.result == .notMatched else { continue }
                let failed = entries[position].1.failedCondition.map { [$0] } ?? []
                entries[position].1.failedCondition = (failed + [note]).joined(separator: "; ")
            } else {
                entries.append((rule, RuleTrace(rule: rules[rule].name, result: .notMatched, failedCondition: note)))
            }
        }
        entries.sort { $0.0 < $1.0 }
        return entries.map(\.1) + trace.dropFirst(traced.count)
    }

    private func notEvaluated(after index: Int) -> [RuleTrace] {
        rules[(index + 1)...].map { RuleTrace(rule: $0.name, result: .notEvaluated) }
    }
}
