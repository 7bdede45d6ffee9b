/// How one rule fared against an event, for the audit and for `explain`.
public struct RuleTrace: Sendable, Codable, Equatable {
    public enum Result: String, Sendable, Codable {
        case matched
        case notMatched = "not_matched"
        /// An earlier rule matched without `continue`, so this one was not looked at.
        case notEvaluated = "not_evaluated"
    }

    public var rule: String
    public var result: Result
    /// The first condition that did not hold, as written in the rules.
    public var failedCondition: String?

    public init(rule: String, result: Result, failedCondition: String? = nil) {
        self.rule = rule
        self.result = result
        self.failedCondition = failedCondition
    }
}
