import Foundation
import Testing

@testable import TicketGateRules

/// `Pattern` answers as `NSRegularExpression` does: whatever it does before or around the engine (the length
/// filter, the required literal, the input limit) never turns a match into a miss or a miss into a match. A search that spends its
/// budget says so, and is rare on short texts.
@Suite struct PatternDifferentialTests {
    /// Quantifiers with a count right after a literal: a filter that read `3}-` as text every match must
    /// contain made these rules never match.
    @Test(arguments: [
        (#"\d{3}-\d{4}"#, "call me at 555-1234"),
        (#"^\d{4}-\d{2}-\d{2}$"#, "2026-12-03"),
        (#"[A-Z]{2}-\d{4}"#, "ticket AB-1234 is open"),
        ("x{10}abc", "xxxxxxxxxxabc"),
        ("ab{2,}c-d", "abbbc-d"),
        (#"(?i)\b(casino|viagra)\b"#, "Visit the CASINO now"),
        ("(?:refund|chargeback) requested", "chargeback requested"),
        (#"order-id: \d+"#, "order-id: 42"),
        (#"\Qa.b\E{2}"#, "\na.bb"),
        // `\Q…\E` in a class, and escapes under `(?i)`: the length filter refused these values.
        (#"[\Q]\E]{3}"#, "]]]"),
        (#"(?i)\x73\x73"#, "ß"),
        (#"(?i:\x{73}\u0073)"#, "ẞ"),
        (#"(?i)\N{LATIN SMALL LETTER F}\x66\0151"#, "ﬃ"),
        ("(?i)(?:ssssss|....)", "ßßß"),
    ])
    func countedQuantifiersMatch(pattern: String, text: String) throws {
        #expect(try Pattern(pattern).matches(text))
        #expect(try Self.reference(pattern, text))
    }

    /// Generated patterns (literals, classes with `\Q…\E` in them, escapes for characters and for classes,
    /// anchors, every quantifier, groups, alternation, inline flags and flag groups, case folding that changes
    /// length, non-ASCII) against generated texts drawn from the same characters.
    @Test func generatedPatternsAgreeWithTheEngine() throws {
        let seed = try TestSeed.next()
        var random = SeededRandom(seed: seed)
        var compared = 0
        var matched = 0
        var spent = 0
        var withLiteral = 0
        for round in 0..<1_500 {
            // Every other pattern keeps to the syntax a required literal is found in.
            let source = Self.pattern(using: &random, depth: 0, plain: round.isMultiple(of: 2))
            guard let pattern = try? Pattern(source) else { continue }
            if pattern.requiredLiteral != nil { withLiteral += 1 }
            let reference = try NSRegularExpression(pattern: source)
            for _ in 0..<12 {
                let text = Self.text(using: &random)
                let expected = reference.firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count)) != nil
                switch pattern.search(text) {
                case .match:
                    #expect(expected, "\(seed): /\(source)/ matched \(text.debugDescription), the engine does not")
                case .noMatch:
                    #expect(!expected, "\(seed): /\(source)/ missed \(text.debugDescription), the engine matches")
                case .budgetSpent:
                    // Not silent: the decision's trace says so. Only zero-width loops spend it on short texts.
                    spent += 1
                }
                compared += 1
                if expected { matched += 1 }
            }
        }
        // The generator must give both answers often, or the comparison says little.
        #expect(compared > 10_000, "\(seed)")
        #expect(withLiteral > 40, "\(seed): only \(withLiteral) patterns have a required literal")
        #expect(spent * 50 < compared, "\(seed): \(spent) of \(compared) searches spent their budget")
        #expect(matched > compared / 10 && matched < compared * 9 / 10, "\(seed): \(matched) of \(compared) matched")
    }

    static func reference(_ pattern: String, _ text: String) throws -> Bool {
        try NSRegularExpression(pattern: pattern).firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count)) != nil
    }

    static let characters: [String] = [
        "a", "b", "c", "A", "B", "x", "-", "1", "2", " ", "é", "É", "日", "ß", "\n", ".", "s", "S", "ẞ", "ſ", "ﬃ", "f", "i", "]", "\u{212A}", "k",
    ]

    /// Runs of text the generated patterns spell out, so that patterns with literals match often enough.
    static let words: [String] = ["ab", "abc", "xa-", "a-1", "日本語", "aé", "bb", "1-", "ABC", "a.b", "ss", "SS", "ffi", "]]", "ßs"]

    static func text(using random: inout SeededRandom) -> String {
        (0..<Int.random(in: 0...8, using: &random)).map { _ in
            Int.random(in: 0..<3, using: &random) == 0 ? words.randomElement(using: &random)! : characters.randomElement(using: &random)!
        }.joined()
    }

    /// A pattern; a `plain` one has no inline options, non-capturing groups or alternation.
    static func pattern(using random: inout SeededRandom, depth: Int, plain: Bool) -> String {
        let flags = depth == 0 && !plain ? ["", "", "", "(?i)", "(?i)", "(?s)", "(?i)(?s)", "(?-i)"].randomElement(using: &random)! : ""
        let anchorStart = depth == 0 && Bool.random(using: &random) && Bool.random(using: &random) ? "^" : ""
        let anchorEnd = depth == 0 && Bool.random(using: &random) && Bool.random(using: &random) ? "$" : ""
        let pieces = (0..<Int.random(in: 1...4, using: &random)).map { _ in piece(using: &random, depth: depth, plain: plain) }
        var body = pieces.joined()
        if depth < 2, !plain, Int.random(in: 0..<4, using: &random) == 0 {
            body += "|" + pattern(using: &random, depth: depth + 1, plain: plain)
        }
        return flags + anchorStart + body + anchorEnd
    }

    static func piece(using random: inout SeededRandom, depth: Int, plain: Bool) -> String {
        let atoms = [
            "a", "b", "c", "x", "-", "1", "é", "日", "ß", #"\d"#, #"\w"#, #"\s"#, ".", #"\."#, #"\-"#, "[a-c]", "[^a]", "[A-Z]", "[é日]",
            #"\b"#, #"\p{L}"#, "ab", "xa-", "abc", "a-1", "日本語", #"\x61"#, #"\u00e9"#, #"\x{62}"#, "[[a-c]&&[^b]]", #"[\]a]"#,
            #"\Qa.b\E"#, #"\-x-"#, "[^]a]", #"\["#, "a{1}b", "ab{0}c",
        ]
        // Not in plain patterns: `\Q…\E` in classes, and escapes that stand for a character (which case folding
        // may shorten) or for a class.
        let unplain = [
            #"[\Q]\E]"#, #"[\Q]a\E]"#, #"[x\Q-]\E]"#, #"[^\Q]\E]"#, #"[\Qs\E]"#, #"\x73"#, #"\x{73}"#, #"\u0073"#, #"\x66"#,
            #"\N{LATIN SMALL LETTER S}"#, #"\N{LATIN SMALL LETTER SHARP S}"#, #"\x{DF}"#, #"\u00DF"#, #"\x{FB03}"#, #"\0163"#, #"\0151"#,
            #"\x73\x73"#, #"\x{66}\x66\x69"#, #"\Qss\E"#, "ss", "ffi", #"\p{Ll}"#, #"\P{Lu}"#, #"\w"#, #"\S"#, #"\x{212A}"#, "ſ",
        ]
        if depth < 2, Int.random(in: 0..<6, using: &random) == 0 {
            // A group repeats a bounded number of times: unbounded repeats of what may repeat already backtrack
            // exponentially, which the reference engine, with no budget, would take minutes to say.
            let inner = pattern(using: &random, depth: depth + 1, plain: plain)
            let opening = plain ? "(" : ["(", "(?:", "(?i:", "(?-i:", "(?is:"].randomElement(using: &random)!
            let group = opening + inner + ")"
            return group + ["", "", "?", "{2}", "{0}", "{1,2}", "??"].randomElement(using: &random)!
        }
        let atom = plain || Bool.random(using: &random) ? atoms.randomElement(using: &random)! : unplain.randomElement(using: &random)!
        guard atom != #"\b"# else { return atom }
        let quantifiers = ["", "", "", "*", "+", "?", "{2}", "{0}", "{1,3}", "{2,}", "*?", "+?", "{1,2}?"]
        return atom + quantifiers.randomElement(using: &random)!
    }
}
