import Foundation
import Testing

/// The README's quick start, run as written: its commands against `ticketgate serve` on the sample rules, and
/// what they print against what the README shows (an event id the README names stands for the one answered; a
/// `…` for text that changes each run, such as times). The README cannot drift from the binary.
@Suite(.timeLimit(.minutes(2))) struct ReadmeTranscriptTests {
    /// The quick start's code blocks, in order.
    static func quickStartBlocks() throws -> [String] {
        let readme = try String(contentsOf: BuildInfoTests.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "## Quick start\n"))
        let end = try #require(readme.range(of: "\n## ", range: start.upperBound..<readme.endIndex))
        return readme[start.upperBound..<end.lowerBound].matches(of: /```[a-z]*\n(.*?)```/.dotMatchesNewlines()).map { String($0.output.1) }
    }

    /// Whether `output` reads as `expected` line by line: a `…` in a line of `expected` stands for any text, and
    /// a line that is only `…` for any number of lines.
    static func matches(_ output: String, _ expected: String) -> Bool {
        matches(
            output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...],
            expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...])
    }

    private static func matches(_ lines: ArraySlice<String>, _ patterns: ArraySlice<String>) -> Bool {
        guard let pattern = patterns.first else { return lines.isEmpty }
        if pattern.trimmingCharacters(in: .whitespaces) == "…" {
            return (0...lines.count).contains { skipped in matches(lines.dropFirst(skipped), patterns.dropFirst()) }
        }
        guard let line = lines.first else { return false }
        let parts = pattern.components(separatedBy: "…").map(NSRegularExpression.escapedPattern(for:))
        guard let regex = try? Regex(parts.joined(separator: ".*")), line.wholeMatch(of: regex) != nil else { return false }
        return matches(lines.dropFirst(), patterns.dropFirst())
    }

    @Test func theQuickStartPrintsWhatTheReadmeShows() async throws {
        let blocks = try Self.quickStartBlocks()
        try #require(blocks.count == 5, "the quick start's blocks: send, its answer, ticketgate send (its answer in a comment), show, its output")
        let directory = try TemporaryDirectory()
        let environment = [
            "TICKETGATE_DATABASE": "sqlite:\(directory.file("data/ticketgate.sqlite"))",
            "TICKETGATE_RULES": BuildInfoTests.repository.appendingPathComponent("Rules").path,
        ]
        let gateway = try GatewayProcess(arguments: ["serve", "--port", "0"], environment: environment)
        let port = try await gateway.listeningPort()

        // Sent as written, to the port this gateway listens on.
        let send = blocks[0].replacingOccurrences(of: "http://127.0.0.1:8080", with: "http://127.0.0.1:\(port)")
        let sent = try await ChildProcess.run("/bin/bash", ["-euo", "pipefail", "-c", send])
        let answer = String(decoding: sent.output, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        let answerLines = answer.split(separator: "\n", omittingEmptySubsequences: false)
        let shownAnswer = try #require(blocks[1].split(separator: "\n").first.map(String.init))
        #expect(answerLines.first.map(String.init) == shownAnswer)
        let body = try #require(answerLines.last.map(String.init))
        let id = try #require(body.firstMatch(of: /"id":"([0-9a-f-]{36})"/)?.output.1).description
        let readmeID = try #require(blocks[1].firstMatch(of: /"id":"([0-9a-f-]{36})"/)?.output.1).description
        #expect(body == blocks[1].split(separator: "\n").last.map(String.init)?.replacingOccurrences(of: readmeID, with: id))

        // `ticketgate send` as written, in a directory of its own, to the port this gateway listens on.
        let sendDirectory = try TemporaryDirectory()
        let commands = blocks[2].split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: "\n")
            .replacingOccurrences(of: "swift run ticketgate", with: try GatewayProcess.binary)
        let signed = try await ChildProcess.run(
            "/bin/bash", ["-euo", "pipefail", "-c", commands],
            environment: ProcessInfo.processInfo.environment.merging(
                environment.merging(["TICKETGATE_URL": "http://127.0.0.1:\(port)"]) { _, new in new }
            ) {
                _, new in new
            }, directory: sendDirectory.path)
        let shownSend = try #require(blocks[2].split(separator: "\n").last { $0.hasPrefix("# ") }).dropFirst(2)
        let sentOutput = String(decoding: signed.output, as: UTF8.self).trimmingCharacters(in: .newlines)
        #expect(signed.status == 0)
        #expect(Self.matches(sentOutput, String(shownSend)), "ticketgate send printed \(sentOutput), the README shows \(shownSend)")

        // Shown as written, by this build's binary on the gateway's database.
        let show = blocks[3].replacingOccurrences(of: "swift run ticketgate", with: try GatewayProcess.binary)
            .replacingOccurrences(of: readmeID, with: id)
        let shown = try await ChildProcess.run(
            "/bin/bash", ["-euo", "pipefail", "-c", show], environment: ProcessInfo.processInfo.environment.merging(environment) { _, new in new })
        let output = String(decoding: shown.output, as: UTF8.self)
        let expected = blocks[4].replacingOccurrences(of: readmeID, with: id)
        #expect(Self.matches(output, expected), "events show printed:\n\(output)\nthe README shows:\n\(expected)")

        gateway.signal(SIGTERM)
        #expect(try await gateway.exitStatus() == 0)
    }
}
