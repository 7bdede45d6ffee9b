import Foundation
import Testing

/// `ticketgate serve --help` leads to every setting: each environment variable the README's settings table
/// lists is named in the help, those with a flag beside it and the environment-only ones in its discussion.
@Suite struct ServeHelpTests {
    @Test func serveHelpNamesEverySettingTheReadmeLists() async throws {
        let readme = try String(contentsOf: BuildInfoTests.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let variables = Set(readme.matches(of: /\| `((?:TICKETGATE|LOG)_[A-Z_]+)` \|/).map { String($0.output.1) })
        #expect(variables.count >= 25, "\(variables.sorted())")
        let (help, status) = try await TicketGateCommand.run(["serve", "--help"])
        #expect(status == 0)
        let named = Set(help.matches(of: /(?:TICKETGATE|LOG)_[A-Z_]+/).map { String($0.output) })
        #expect(variables.subtracting(named).isEmpty, "not in serve --help: \(variables.subtracting(named).sorted())")
    }
}
