import ArgumentParser
import Foundation
import TicketGateServer

/// `ticketgate check`: validates the rules without starting anything.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the rules: every problem as file:line:column: error|warning: message; exit 1 on any error."
    )

    @OptionGroup var rules: RulesOptions

    func run() throws {
        let (lines, failed) = RulesCheck.run(directory: rules.directory, environment: ProcessInfo.processInfo.environment)
        Terminal.print(lines.joined(separator: "\n"))
        if failed { throw ExitCode.failure }
    }
}
