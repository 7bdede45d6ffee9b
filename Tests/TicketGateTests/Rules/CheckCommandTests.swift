import Foundation
import Testing

@testable import TicketGateServer

/// `ticketgate check` on broken rules (`Tests/Fixtures/rules/*/rules.yml`) prints each problem at its place,
/// exactly as `expected.txt` says, and exits 1; on the sample rules it exits 0.
@Suite struct CheckCommandTests {
    static let fixtures = PackagePaths.root.appendingPathComponent("Tests/Fixtures/rules")

    @Test(arguments: ["keys", "values", "vendors"])
    func brokenRulesListEveryProblemAndFail(directory: String) async throws {
        let path = Self.fixtures.appendingPathComponent(directory).path
        let expected = try String(contentsOfFile: path + "/expected.txt", encoding: .utf8)
        let (lines, failed) = RulesCheck.run(directory: path, environment: [:])
        #expect(failed)
        #expect(lines.map { $0.replacingOccurrences(of: path + "/", with: "") }.joined(separator: "\n") + "\n" == expected)

        let (output, status) = try await TicketGateCommand.run(["check", "--rules", path])
        #expect(status == 1)
        #expect(output.replacingOccurrences(of: path + "/", with: "") == expected)
    }

    @Test func warningsAloneDoNotFail() async throws {
        let path = Self.fixtures.appendingPathComponent("unreachable").path
        let (output, status) = try await TicketGateCommand.run(["check", "--rules", path])
        #expect(status == 0)
        #expect(output.replacingOccurrences(of: path + "/", with: "") == (try String(contentsOfFile: path + "/expected.txt", encoding: .utf8)))
    }

    @Test func sampleRulesPass() async throws {
        let (output, status) = try await TicketGateCommand.run(
            ["check", "--rules", PackagePaths.rules], environment: ["WEBSITE_SECRET": "a-real-one"])
        #expect(status == 0)
        #expect(output.hasPrefix("ok: 1 file, 1 source, 1 destination, 5 rules, version "))
    }

    /// Without WEBSITE_SECRET the sample rules still pass, and say their secret is the public one they hold.
    @Test func sampleRulesWarnOfTheirPublicSecret() async throws {
        let environment = ProcessInfo.processInfo.environment.filter { $0.key != "WEBSITE_SECRET" }
        let ended = try await withTimeout(.seconds(60)) {
            try await ChildProcess.run(
                try GatewayProcess.binary, ["check", "--rules", PackagePaths.rules], environment: environment, mergingError: true)
        }
        let output = String(decoding: ended.output, as: UTF8.self)
        #expect(ended.status == 0)
        #expect(output.contains("ticketgate.yml:17:17: warning: this secret is the default written in the rules, as WEBSITE_SECRET is not set"))
        #expect(output.contains("ok: 1 file, 1 source, 1 destination, 5 rules, version "))
    }

    @Test func aMissingDirectoryIsAnError() async throws {
        let (output, status) = try await TicketGateCommand.run(["check", "--rules", "/nonexistent/rules"])
        #expect(status == 1)
        #expect(output.hasPrefix("/nonexistent/rules:1:1: error: cannot read the rules directory"))
    }
}
