import Foundation
import Testing

@testable import TicketGateRules

/// The keyword filter in front of a `matches` regex: it finds the words of keyword patterns only, and refuses
/// only values the regex itself refuses.
@Suite struct KeywordAlternativesTests {
    @Test func findsTheWordsOfAKeywordPattern() {
        #expect(
            KeywordAlternatives.find(in: #"(?i)\b(Casino|viagra|crypto giveaway)\b"#)
                == KeywordAlternatives(words: [Array("casino".utf8), Array("viagra".utf8), Array("crypto giveaway".utf8)], ignoresCase: true))
        #expect(
            KeywordAlternatives.find(in: "(?:refund|chargeback)")
                == KeywordAlternatives(words: [Array("refund".utf8), Array("chargeback".utf8)], ignoresCase: false))
        #expect(KeywordAlternatives.find(in: #"\b(order-id)\b"#)?.words == [Array("order-id".utf8)])
    }

    @Test(arguments: [
        #"(?i)\b(a.b|c)\b"#, "(a|b)c", "(a)|(b)", "(a||b)", "((a|b))", #"(?i)\b(a|b)\b+"#, "(?x)(a|b)", "(?<name>a|b)", "(a|b", "a|b",
        #"(a|\d)"#, #"(?i)(a|b)\\b"#, "(?s)(a|b)",
    ])
    func findsNoneInOtherShapes(_ pattern: String) {
        #expect(KeywordAlternatives.find(in: pattern) == nil)
    }

    /// The pattern's answer with the filter is the regex's own, on values with and without the words, in other
    /// cases, inside other words, and with non-ASCII characters that fold to ASCII ones.
    @Test func refusesOnlyWhatTheRegexRefuses() throws {
        let patterns = [#"(?i)\b(casino|viagra|crypto giveaway)\b"#, "(?i)(kelvin|strasse)", "(?:Refund|charge back)", #"\b(ss)\b"#]
        let texts = [
            "Win at the CASINO tonight", "casinos are fun", "nothing here", "Crypto Giveaway!", "crypto  giveaway", "\u{212A}elvin scale",
            "ſtrasse", "STRASSE", "refund please", "Refund please", "a charge back", "ss", "Ss", "", "caſino", "ß",
        ]
        for source in patterns {
            let pattern = try Pattern(source)
            let regex = try NSRegularExpression(pattern: source)
            for text in texts {
                let expected = regex.firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count)) != nil
                #expect(pattern.matches(text) == expected, "\(source) on \(text)")
            }
        }
    }

    @Test func refusesAValueWithoutAnyWord() throws {
        let keywords = try #require(KeywordAlternatives.find(in: #"(?i)\b(casino|viagra)\b"#))
        #expect(!keywords.mayMatch("Hello, I have a question about my invoice."))
        #expect(keywords.mayMatch("VIAGRA"))
        #expect(keywords.mayMatch("Ünïcödé text goes to the regex"))
    }
}
