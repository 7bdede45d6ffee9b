/// Collects every problem found while loading, so one run reports them all.
struct Diagnostics {
    private(set) var problems: [RulesProblem] = []

    var hasErrors: Bool { problems.contains { $0.severity == .error } }

    mutating func error(_ message: String, at node: ConfigNode) {
        problems.append(RulesProblem(.error, message, at: node.location))
    }

    mutating func error(_ message: String, at location: SourceLocation) {
        problems.append(RulesProblem(.error, message, at: location))
    }

    /// Adds what `other` found.
    mutating func append(_ other: Diagnostics) {
        problems += other.problems
    }

    mutating func warning(_ message: String, at node: ConfigNode) {
        problems.append(RulesProblem(.warning, message, at: node.location))
    }
}
