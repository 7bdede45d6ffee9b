import Foundation
import Testing

@testable import TicketGateServer

/// What a binary says it was built from: `ticketgate --version` and the `ticketgate_build_info` series name the
/// version in `VERSION` and the commit the tree was built from.
@Suite struct BuildInfoTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The short commit of the checkout, or `nil` where git or the repository is missing.
    static func head() async throws -> String? {
        let ended = try await ChildProcess.run("/usr/bin/env", ["git", "-C", repository.path, "rev-parse", "--short=12", "HEAD"])
        guard ended.status == 0 else { return nil }
        return String(decoding: ended.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func versionNamesTheVersionFileTheCommitAndTheBuildDate() async throws {
        let version = try String(contentsOf: Self.repository.appendingPathComponent("VERSION"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let (output, status) = try await TicketGateCommand.run(["--version"])
        #expect(status == 0)
        #expect(output.hasPrefix("\(version) (commit "), "\(output)")
        if let head = try await Self.head() {
            #expect(output.hasPrefix("\(version) (commit \(head)"), "\(output)")
        }
        #expect(output.contains(try #require(BuildInfo.built.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/)).output), "\(output)")
    }

    @Test func theMetricsNameTheBuild() {
        let exposition = GatewayMetrics().exposition()
        #expect(exposition.contains(#"ticketgate_build_info{version="\#(BuildInfo.version)",commit="\#(BuildInfo.commit)"} 1"#), "\(exposition)")
    }
}
