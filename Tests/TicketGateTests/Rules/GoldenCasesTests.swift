import Foundation
import Testing
import Yams

@testable import TicketGateRules

/// `test --update` writes each text as a YAML scalar of its own choosing; Yams, the reference, must read every one
/// back as the same string inside a flow mapping, generated texts and YAML's traps alike.
@Suite struct GoldenCasesTests {
    static let traps = [
        "spp", "spam keywords", "true", "No", "on", "null", "~", "y", "N", "1", "0x1F", "0o17", "1e3", ".inf", ".nan", "-", "- a", "a: b",
        "a, b", "[x]", "{x}", "#x", "x #y", "'q'", "\"q\"", "", " lead", "trail ", "é", "a\nb", "*ref", "&anchor", "!tag", "%x", "@at",
        "`x`", "(not delivered)", "2026-12-08", "12:30",
    ]

    static func readBack(_ text: String) throws -> String? {
        (try Yams.load(yaml: "{k: \(GoldenCases.scalar(text))}") as? [String: Any])?["k"] as? String
    }

    @Test func yamlReadsEveryScalarBackAsItsText() throws {
        for text in Self.traps {
            #expect(try Self.readBack(text) == text, "\(text.debugDescription) written as \(GoldenCases.scalar(text))")
        }
        let seed = try TestSeed.next()
        var random = SeededRandom(seed: seed)
        let alphabet = Array("abcXYZ019 _-./@:,#[]{}'\"!&*?|>%`~\\\té\u{1}")
        for _ in 0..<2000 {
            let text = String((0..<Int.random(in: 0...8, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            #expect(try Self.readBack(text) == text, "\(seed): \(text.debugDescription) written as \(GoldenCases.scalar(text))")
        }
    }
}
