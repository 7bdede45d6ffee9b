import Foundation
import TicketGateInbound
import TicketGateRules
import TicketGateVendors

/// `ticketgate check`: loads the rules without starting anything and lists every problem.
package enum RulesCheck {
    /// The report's lines, and whether any problem is an error.
    package static func run(directory: String, environment: [String: String]) -> (lines: [String], failed: Bool) {
        let files: [RulesFile]
        do {
            files = try RulesFile.files(in: directory)
        } catch {
            return (error.problems.map(\.description), true)
        }
        let (ruleSet, problems) = GatewayRules.compile(files, environment: environment)
        let errors = problems.filter { $0.severity == .error }.count
        let warnings = problems.count - errors
        var lines = problems.map(\.description)
        if let ruleSet {
            let counts = [
                count(files.count, "file"), count(ruleSet.sources.count, "source"), count(ruleSet.destinations.count, "destination"),
                count(ruleSet.ruleNames.count, "rule"),
            ]
            lines.append(
                "ok: \(counts.joined(separator: ", ")), version \(GatewayRules.version(of: files))"
                    + (warnings > 0 ? "; \(count(warnings, "warning"))" : ""))
        } else {
            lines.append("\(count(errors, "error")), \(count(warnings, "warning"))")
        }
        return (lines, errors > 0)
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
