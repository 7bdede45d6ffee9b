/// How one rule fared against an event, for the audit and for `explain`.
package struct RuleTrace: Sendable, Codable, Equatable {
    package enum Result: String, Sendable, Codable {
        case matched
        case notMatched = "not_matched"
        /// An earlier rule matched without `continue`, so this one was not looked at.
        case notEvaluated = "not_evaluated"
    }

    package var rule: String
    package var result: Result
    /// The first condition that did not hold, as written in the rules.
    package var failedCondition: String?

    package init(rule: String, result: Result, failedCondition: String? = nil) {
        self.rule = rule
        self.result = result
        self.failedCondition = failedCondition
    }
}
