import TicketGateCore

/// The words of a keyword pattern: one group of plain alternatives, maybe case-insensitive and between word
/// boundaries, such as `(?i)\b(casino|viagra|crypto giveaway)\b`, the usual shape of a rule that looks for
/// words. Every match contains one of the words, so a value that contains none is refused without the regex
/// (which, through `NSRegularExpression`, copies the value to UTF-16 and runs ICU on every event).
///
/// Conservative: any other shape gets none. Case-insensitive words are only looked for in ASCII values:
/// Unicode case folding lets a non-ASCII character match an ASCII one (the Kelvin sign matches `k`, a long s
/// matches `s`), so a value with any non-ASCII byte goes to the regex.
struct KeywordAlternatives: Sendable, Equatable {
    /// The words, lowercased when `ignoresCase`.
    let words: [[UInt8]]
    let ignoresCase: Bool

    static func find(in pattern: String) -> KeywordAlternatives? {
        var rest = Substring(pattern)
        let ignoresCase = rest.hasPrefix("(?i)")
        if ignoresCase { rest = rest.dropFirst(4) }
        if rest.hasPrefix(#"\b"#) { rest = rest.dropFirst(2) }
        if rest.hasSuffix(#"\b"#) { rest = rest.dropLast(2) }
        if rest.hasPrefix("(?:") {
            rest = rest.dropFirst(3)
        } else if rest.hasPrefix("("), !rest.hasPrefix("(?") {
            rest = rest.dropFirst()
        } else {
            return nil
        }
        guard rest.hasSuffix(")") else { return nil }
        let words = rest.dropLast().split(separator: "|", omittingEmptySubsequences: false).map { Array($0.utf8) }
        guard words.allSatisfy({ !$0.isEmpty && $0.allSatisfy(isPlain) }) else { return nil }
        return KeywordAlternatives(words: ignoresCase ? words.map { $0.map(lowered) } : words, ignoresCase: ignoresCase)
    }

    /// False when `text` contains none of the words, so the pattern cannot match it.
    func mayMatch(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            if ignoresCase {
                guard bytes.allSatisfy({ $0 < 0x80 }) else { return true }
                return words.contains { Self.containsIgnoringASCIICase(bytes, $0) }
            }
            return words.contains { word in word.withUnsafeBufferPointer { ByteSearch.contains(bytes, $0) } }
        }
    }

    /// A letter, a digit, a space, `-` or `_`: characters that match only themselves (and, ignoring case, the
    /// other case of a letter).
    private static func isPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "_"): true
        default: false
        }
    }

    private static func lowered(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }

    /// Whether `haystack` (ASCII) contains `word` (lowercase) in any mix of cases.
    private static func containsIgnoringASCIICase(_ haystack: UnsafeBufferPointer<UInt8>, _ word: [UInt8]) -> Bool {
        guard word.count <= haystack.count else { return false }
        let first = word[0]
        for start in 0...(haystack.count - word.count) where lowered(haystack[start]) == first {
            var index = 1
            while index < word.count, lowered(haystack[start + index]) == word[index] { index += 1 }
            if index == word.count { return true }
        }
        return false
    }
}
