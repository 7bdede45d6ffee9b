/// One problem found in the rules, printed as `file:line:column: error: message`.
public struct RulesProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case error
        case warning
    }

    public var location: SourceLocation
    public var severity: Severity
    public var message: String

    public init(_ severity: Severity, _ message: String, at location: SourceLocation) {
        self.location = location
        self.severity = severity
        self.message = message
    }

    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// The rules could not be loaded; `problems` says why, each at its place.
public struct RulesLoadError: Error, Sendable, CustomStringConvertible {
    public var problems: [RulesProblem]

    public init(problems: [RulesProblem]) {
        self.problems = problems
    }

    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
