import ArgumentParser
import Foundation
import TicketGateServer

/// `ticketgate test`: runs routing test cases against the rules, for CI in the repository that holds them.
struct RulesTest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run YAML case files through the rules; print a diff per failing case and exit 1 if any fails.",
        discussion: """
            With --update, each case's expect: is written as the rules decide now (destination or drop, brand, \
            assignee, tags, visibility, the rules that matched), on one line, for review; the rest of each file \
            stays as written.
            """
    )

    @OptionGroup var rules: RulesOptions

    @Flag(help: "Write each case's expect: as the rules decide now instead of comparing.")
    var update = false

    @Argument(help: "Case files.")
    var cases: [String]

    func validate() throws {
        if cases.isEmpty { throw ValidationError("name at least one case file") }
    }

    func run() async throws {
        do {
            let environment = ProcessInfo.processInfo.environment
            let (lines, failed) =
                update
                ? try await RulesTester.update(rulesDirectory: rules.directory, environment: environment, caseFiles: cases)
                : try await RulesTester.run(rulesDirectory: rules.directory, environment: environment, caseFiles: cases)
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
