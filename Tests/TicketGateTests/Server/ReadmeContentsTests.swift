import Foundation
import Testing

/// The README's contents line links every section, in order, by the anchor its heading gets.
@Suite struct ReadmeContentsTests {
    @Test func theContentsLinkEverySectionInOrder() throws {
        let readme = try String(contentsOf: BuildInfoTests.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let headings = readme.matches(of: /(?m)^## (.+)$/).map { String($0.output.1) }
        let anchors = headings.map { $0.lowercased().replacingOccurrences(of: " ", with: "-") }
        let contents = try #require(readme.firstMatch(of: /Contents: (.*?)\n\n/.dotMatchesNewlines())).output.1
        let linked = contents.matches(of: /\]\(#([a-z-]+)\)/).map { String($0.output.1) }
        #expect(linked == anchors)
    }
}
