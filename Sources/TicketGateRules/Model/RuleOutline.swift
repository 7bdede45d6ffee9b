/// One rule as an operator reads it in the console: its name, its condition as written, what it does, and
/// whether matching goes on after it.
package struct RuleOutline: Sendable, Equatable {
    package var name: String
    /// The condition as written; empty for a rule that matches every event.
    package var condition: String
    /// `drop: <reason>`, or the destination and tags it sets.
    package var action: String
    package var continues: Bool
}

extension RuleSet {
    /// The rules, in the order they are tried.
    package var outlines: [RuleOutline] {
        rules.map { rule in
            let action: String
            switch rule.action {
            case .drop(let reason):
                action = "drop: \(reason)"
            case .set(let settings):
                var parts: [String] = []
                if let destination = settings.destination { parts.append("destination \(destination)") }
                if let fallback = settings.fallback { parts.append("fallback \(fallback)") }
                if !settings.tags.isEmpty { parts.append("tags \(settings.tags.joined(separator: ", "))") }
                if let staffOnly = settings.staffOnly { parts.append(staffOnly ? "staff only" : "customer visible") }
                action = parts.isEmpty ? "sets other settings" : parts.joined(separator: "; ")
            }
            return RuleOutline(
                name: rule.name, condition: rule.condition.isAlways ? "" : rule.condition.written, action: action, continues: rule.continues)
        }
    }
}
