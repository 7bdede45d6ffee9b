import Foundation
import Testing

@testable import TicketGateRules

/// The length filter in front of every `matches` regex: it may only refuse values the regex itself refuses.
@Suite struct MinimumMatchLengthTests {
    @Test(arguments: [
        ("(?s).{2000,}", 2000),
        ("abc", 3),
        ("a{3}b{2,5}c*d?e+", 6),
        ("^\\d{4}-\\d{2}$", 7),
        ("(foo|ba)r", 3),
        ("(?:ab)+|xyz", 2),
        ("[a-z]{2}\\b", 2),
        ("\\x41\\u0042\\x{43}\\0101", 4),
        ("\\Qa.b\\E", 3),
        ("\\Qa.b\\E{2}", 4),
        ("\\Qab\\E?c", 2),
        ("(?<year>\\d{4})", 4),
        ("(?=abc)a", 1),
        ("(?<!x)yz", 2),
        ("(?#a comment)ab", 2),
        ("(a)\\1", 1),
        ("[]a]{3}", 3),
        ("\\p{L}\\P{Lu}", 2),
        ("a.*?b", 2),
        ("(?i)\\b(casino|viagra)\\b", 2),
        ("(?i:hello)", 1),
        ("(?x) a b c", 0),
        // `\Q…\E` in a class: its `]` is a character, not the end of the class.
        ("[\\Q]\\E]{3}", 3),
        ("[\\Q]]\\E]x", 2),
        ("[^\\Q\\]\\E]", 1),
        // Escapes that stand for a character are characters: case folding may shorten them as it shortens
        // written ones (`\x73\x73` matches `ß`, `\x66\x66\x69` matches `ﬃ`).
        ("(?i)\\x73\\x73", 0),
        ("(?i:\\x{73}\\u0073)", 0),
        ("(?i)\\x66\\N{LATIN SMALL LETTER F}\\0151", 1),
        ("(?i)\\u0073\\u0073\\u0073", 1),
        ("\\x73\\x73", 2),
        ("(?i)\\p{Ll}\\w\\d", 3),
        // The shortest alternative is the shortest once folding is counted: `ssssss` matches `ßßß`.
        ("(?i)(?:ssssss|....)", 2),
        ("(?-i:x)(?i)\\x73\\x73\\x73\\x73\\x73\\x73", 2),
        ("\\t\\e\\.", 3),
    ])
    func counts(_ pattern: String, _ expected: Int) throws {
        _ = try NSRegularExpression(pattern: pattern)
        #expect(MinimumMatchLength.of(pattern) == expected)
    }

    /// Whatever a regex matches is at least as long as its minimum: checked on matches the regex itself finds.
    @Test func noMatchIsShorterThanItsMinimum() throws {
        let patterns = [
            "(?i)ss", "(?i)straße", "a{2}(b|cd){3}", "\\d+\\.\\d{2}", "(?s)x.{5}y", "[[a-z]&&[^aeiou]]{3}", "\\u00e9+", "(?i)ﬀ",
            "(a|bc)?d", "\\R\\R", "(?i)\\x73\\x73", "[\\Q]\\E]{3}", "(?i)\\x66\\x66\\x69", "(?i)(?:ssssss|....)", "(?i:\\N{LATIN SMALL LETTER S}s)",
            "(?i)\\u0073\\u0073\\u0073", "(?i)\\QSS\\E",
        ]
        let texts = [
            "ß", "STRASSE", "strasse", "abbcdb", "abcdcdcd", "12.34", "xhello y", "x\nabc\ny", "bcd", "éé", "ff", "d", "\r\n\n", "]]]", "ﬃ", "ßßß",
            "sß", "ẞ",
        ]
        for source in patterns {
            let regex = try NSRegularExpression(pattern: source)
            let minimum = MinimumMatchLength.of(source)
            for text in texts {
                for match in regex.matches(in: text, range: NSRange(location: 0, length: text.utf16.count)) {
                    #expect(match.range.length >= minimum, "\(source) matched \(match.range.length) units of \(text)")
                }
            }
        }
    }

    @Test func aShortValueIsRefusedWithoutTheRegexAndALongOneStillMatches() throws {
        let pattern = try Pattern("(?s).{50,}")
        #expect(pattern.minimumLength == 50)
        #expect(!pattern.matches(String(repeating: "x", count: 49)))
        #expect(pattern.matches(String(repeating: "x", count: 50)))
    }
}
