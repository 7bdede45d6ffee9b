import Foundation
import Testing

@testable import TicketGateInbound

/// The urlencoded decoder against the reference it replaced: Foundation's `removingPercentEncoding` after `+`
/// became a space, pair by pair, over generated bodies.
@Suite struct URLEncodedFormTests {
    /// The reference: the body as UTF-8 text, split into pairs, each side decoded by Foundation. `nil` when
    /// any of that fails. Separators and `+` are found scalar by scalar, as the form's grammar has them: a
    /// `String` search would take `+` and a combining accent after it for one character and leave it.
    ///
    /// Foundation answers `nil` for escapes that are not UTF-8, except that an escaped continuation byte
    /// before valid escapes (`%A9%E2%82%AC`) comes back as U+FFFD; the bodies never hold U+FFFD themselves, so
    /// one in the answer is such a replacement, and counts as the `nil` it stands for.
    static func reference(_ body: [UInt8]) -> [[String]]? {
        let replacement: Unicode.Scalar = "\u{FFFD}"
        guard let text = String(data: Data(body), encoding: .utf8) else { return nil }
        var pairs: [[String]] = []
        for pair in text.unicodeScalars.split(separator: "&") {
            let pieces = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { piece in
                String(String.UnicodeScalarView(piece.map { $0 == "+" ? " " : $0 }))
            }
            guard let name = pieces[0].removingPercentEncoding, let value = (pieces.count > 1 ? pieces[1] : "").removingPercentEncoding,
                !name.unicodeScalars.contains(replacement), !value.unicodeScalars.contains(replacement)
            else { return nil }
            if !name.isEmpty { pairs.append([name, value]) }
        }
        return pairs
    }

    static func decoded(_ body: [UInt8]) -> [[String]]? {
        guard let form = try? URLEncodedForm.parse(Data(body)) else { return nil }
        return form.parts.map { [$0.name, String(decoding: $0.data, as: UTF8.self)] }
    }

    /// Pieces a body is made of: plain text, separators, escapes good and broken, escaped bytes that are not
    /// UTF-8, and text that is not ASCII.
    static let pieces: [[UInt8]] =
        [
            "a", "b", "Z", "0", "9", "=", "=", "&", "&", "+", "%", "%2", "%41", "%2B", "%26", "%3D", "%2b", "%zz", "%g1", "%C3%A9", "%c3%a9",
            "%E2%82%AC", "%FF", "%C3", "%80", "é", "€", "日本", " ", "~", "%%", "-._*", "\u{0301}", "%00", "%0D%0A",
        ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE2, 0x82]]

    @Test func agreesWithFoundationOnGeneratedBodies() throws {
        let seed = try TestSeed.next()
        var random = SeededRandom(seed: seed)
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...24, using: &random)
            let body = (0..<count).flatMap { _ in Self.pieces.randomElement(using: &random)! }
            let expected = Self.reference(body)
            let found = Self.decoded(body)
            guard expected == found else {
                Issue.record("\(seed): \(body) decoded as \(String(describing: found)), Foundation: \(String(describing: expected))")
                return
            }
        }
    }

    @Test(arguments: [
        ("a=1&b=two+words&c=%C3%A9&d", [["a", "1"], ["b", "two words"], ["c", "é"], ["d", ""]]),
        ("=x&&a=%2B%26%3D", [["a", "+&="]]),
        ("a=%zz", nil), ("a=%4", nil), ("a=%FF", nil), ("%A9%E2%82%AC%41=a", nil), ("a=%A9%41", nil), ("", []),
    ])
    func decodesTheExamples(body: String, expected: [[String]]?) {
        #expect(Self.decoded(Array(body.utf8)) == expected)
    }

    /// The reference refuses what Foundation repairs: a generated body (seed 11899686771176192769) whose name
    /// starts with an escaped continuation byte.
    @Test func theReferenceRefusesEscapesThatAreNotUTF8() {
        #expect(Self.reference(Array("%a9%E2%82%AC%41=a %0D%0A&Z%26Z".utf8)) == nil)
        #expect(Self.decoded(Array("%a9%E2%82%AC%41=a %0D%0A&Z%26Z".utf8)) == nil)
    }
}
