import ArgumentParser
import Foundation
import TicketGateServer

/// `ticketgate test`: runs routing test cases against the rules, for CI in the repository that holds them.
struct RulesTest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run YAML case files through the rules; print a diff per failing case and exit 1 if any fails."
    )

    @OptionGroup var rules: RulesOptions

    @Argument(help: "Case files.")
    var cases: [String]

    func validate() throws {
        if cases.isEmpty { throw ValidationError("name at least one case file") }
    }

    func run() async throws {
        do {
            let (lines, failed) = try await RulesTester.run(
                rulesDirectory: rules.directory, environment: ProcessInfo.processInfo.environment, caseFiles: cases
            )
            Terminal.print(lines.joined(separator: "\n"))
            if failed { throw ExitCode.failure }
        } catch let error as ExitCode {
            throw error
        } catch {
            Terminal.printError("ticketgate: \(error)")
            throw ExitCode.failure
        }
    }
}
