/// The longest run of literal text (at least 3 bytes of UTF-8) that every match of a pattern contains, so a
/// value without it is refused by a byte search instead of a call into the regex engine, which costs more to
/// set up than most searches cost to run. Only patterns in a plain subset of ICU's syntax get one: literal
/// characters, escaped punctuation, `\d \w \s \D \W \S \b \B`, classes without nested classes, capturing
/// groups, anchors, `.` and the quantifiers. Anything else (inline options, non-capturing or look-around
/// groups, alternation, other escapes, a `{` that is not a count) gets none. `PatternDifferentialTests` holds
/// `Pattern` to `NSRegularExpression` over generated patterns.
enum RequiredLiteral {
    static func find(in pattern: String) -> [UInt8]? {
        var runs: [String] = []
        var current = ""
        var depth = 0
        var characters = Array(pattern.unicodeScalars)[...]
        func endRun() {
            if !current.isEmpty { runs.append(current) }
            current = ""
        }
        /// The last character was quantified: it may be absent (`*`, `?`, a count), so it leaves the run.
        func dropQuantified() {
            if !current.isEmpty { current.unicodeScalars.removeLast() }
            endRun()
        }
        while let character = characters.popFirst() {
            switch character {
            case "\\":
                guard let escaped = characters.popFirst() else { return nil }
                if "dwsDWSbB".unicodeScalars.contains(escaped) {
                    endRun()
                } else if escaped.isASCII, !escaped.properties.isAlphabetic, !("0"..."9").contains(escaped) {
                    if depth == 0 { current.unicodeScalars.append(escaped) } else { endRun() }
                } else {
                    return nil
                }
            case "[":
                endRun()
                guard skipClass(&characters) else { return nil }
            case "(":
                guard characters.first != "?" else { return nil }
                endRun()
                depth += 1
            case ")":
                endRun()
                depth -= 1
            case "|":
                return nil
            case "*", "?":
                dropQuantified()
                skipQuantifierSuffix(&characters)
            case "+":
                endRun()
                skipQuantifierSuffix(&characters)
            case "{":
                guard skipCount(&characters) else { return nil }
                dropQuantified()
                skipQuantifierSuffix(&characters)
            case "}", "]":
                return nil
            case ".", "^", "$":
                endRun()
            default:
                if depth == 0 { current.unicodeScalars.append(character) } else { endRun() }
            }
        }
        endRun()
        guard let longest = runs.max(by: { $0.utf8.count < $1.utf8.count }), longest.utf8.count >= 3 else { return nil }
        return Array(longest.utf8)
    }

    /// After a `[`: steps past the class's `]`; false for a nested class or a class that does not end.
    private static func skipClass(_ characters: inout ArraySlice<Unicode.Scalar>) -> Bool {
        var first = true
        while let character = characters.popFirst() {
            switch character {
            case "\\": guard characters.popFirst() != nil else { return false }
            case "[": return false
            case "]" where !first: return true
            case "]": return false
            default: break
            }
            first = false
        }
        return false
    }

    /// After a `{`: steps past `n}`, `n,}` or `n,m}`; false for anything else.
    private static func skipCount(_ characters: inout ArraySlice<Unicode.Scalar>) -> Bool {
        var digits = 0
        var commas = 0
        while let character = characters.popFirst() {
            switch character {
            case "0"..."9": digits += 1
            case "," where digits > 0 && commas == 0: commas += 1
            case "}": return digits > 0
            default: return false
            }
        }
        return false
    }

    /// A `?` (lazy) or `+` (possessive) right after a quantifier belongs to it.
    private static func skipQuantifierSuffix(_ characters: inout ArraySlice<Unicode.Scalar>) {
        if characters.first == "?" || characters.first == "+" { characters.removeFirst() }
    }
}
