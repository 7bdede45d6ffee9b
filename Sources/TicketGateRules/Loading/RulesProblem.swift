/// One problem found in the rules, printed as `file:line:column: error: message`.
package struct RulesProblem: Sendable, Equatable, CustomStringConvertible {
    package enum Severity: String, Sendable {
        case error
        case warning
    }

    package var location: SourceLocation
    package var severity: Severity
    package var message: String

    package init(_ severity: Severity, _ message: String, at location: SourceLocation) {
        self.location = location
        self.severity = severity
        self.message = message
    }

    package var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// The rules could not be loaded; `problems` says why, each at its place.
package struct RulesLoadError: Error, Sendable, CustomStringConvertible {
    package var problems: [RulesProblem]

    package init(problems: [RulesProblem]) {
        self.problems = problems
    }

    package var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
