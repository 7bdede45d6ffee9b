/// The fewest UTF-16 units any match of a regular expression (ICU syntax) can span, so a value shorter than
/// that is refused without running the regex: `(?s).{2000,}` on a 300-character message costs the engine
/// tens of thousands of steps to fail, and nothing here. Conservative: what it does not understand counts as
/// zero, and when the pattern matches case-insensitively anywhere, each character it spells out (written, or
/// as an escape such as `\x73`, `\u00DF`, `\N{…}`, `\0163`, or inside `\Q…\E`) may match a third of a unit:
/// ICU folds case fully, so `ss` and `\x73\x73` match `ß` and `ffi` matches `ﬃ`, one character folding to at
/// most three.
enum MinimumMatchLength {
    static func of(_ pattern: String) -> Int {
        // Free-spacing mode changes what whitespace and `#` mean; do not guess.
        if pattern.contains("(?x") || pattern.range(of: #"\(\?[a-wyz-]*x"#, options: .regularExpression) != nil { return 0 }
        let caseInsensitive = pattern.range(of: #"\(\?[a-z-]*i"#, options: .regularExpression) != nil
        var scanner = Scanner(units: Array(pattern.unicodeScalars), literalThirds: caseInsensitive ? 1 : 3)
        let thirds = scanner.alternation()
        guard scanner.atEnd, !scanner.confused else { return 0 }
        return thirds / 3
    }

    /// Lengths here are in thirds of a UTF-16 unit, so that a character that case folding may shorten can count
    /// for a third, and the shortest alternative is found with that already counted.
    private struct Scanner {
        let units: [Unicode.Scalar]
        /// What a spelt-out character counts for: a whole unit (3), or a third when case is ignored.
        let literalThirds: Int
        var position = 0
        /// Set on syntax this does not follow; the pattern then gets no minimum.
        var confused = false

        var atEnd: Bool { position >= units.count }
        var current: Unicode.Scalar? { atEnd ? nil : units[position] }

        static let most = 1 << 30

        mutating func take() -> Unicode.Scalar? {
            defer { position += 1 }
            return current
        }

        mutating func take(_ scalar: Unicode.Scalar) -> Bool {
            guard current == scalar else { return false }
            position += 1
            return true
        }

        /// Alternatives separated by `|`, up to a `)` or the end: the shortest of them.
        mutating func alternation() -> Int {
            var shortest = sequence()
            while take("|") {
                shortest = min(shortest, sequence())
            }
            return shortest
        }

        mutating func sequence() -> Int {
            var total = 0
            while let scalar = current, scalar != "|", scalar != ")" {
                total = min(total + quantified(atom()), Self.most)
            }
            return total
        }

        mutating func quantified(_ atom: Int) -> Int {
            var result = atom
            switch current {
            case "*", "?":
                position += 1
                result = 0
            case "+":
                position += 1
            case "{":
                let start = position
                position += 1
                guard let count = number() else {
                    confused = true
                    position = start + 1
                    return atom
                }
                while let scalar = current, scalar != "}" { position += 1 }
                position += 1
                result = min(atom * count, Self.most)
            default:
                return atom
            }
            // Lazy and possessive forms match as much as the quantifier allows at least.
            if current == "?" || current == "+" { position += 1 }
            return result
        }

        mutating func number() -> Int? {
            var value: Int?
            while let scalar = current, let digit = scalar.properties.numericType == .decimal ? Int(String(scalar)) : nil {
                value = min((value ?? 0) * 10 + digit, Self.most)
                position += 1
            }
            return value
        }

        mutating func atom() -> Int {
            guard let scalar = take() else { return 0 }
            switch scalar {
            case "(": return group()
            case "[":
                skipClass()
                return 3
            case "\\": return escape()
            case "^", "$": return 0
            case ".": return 3
            default: return literalThirds * scalar.utf16.count
            }
        }

        /// After `(`: a group's shortest alternative, or zero for lookarounds, comments and flag settings.
        mutating func group() -> Int {
            var counts = true
            if take("?") {
                switch current {
                case "#":
                    while let scalar = take(), scalar != ")" {}
                    return 0
                case "=", "!":
                    position += 1
                    counts = false
                case ">", ":":
                    position += 1
                case "<" where position + 1 < units.count && (units[position + 1] == "=" || units[position + 1] == "!"):
                    position += 2
                    counts = false
                case "<":
                    while let scalar = take(), scalar != ">" {}
                default:
                    // Flags, then `:` for a group or `)` for a setting.
                    while let scalar = current, scalar != ":", scalar != ")" { position += 1 }
                    if take(")") { return 0 }
                    position += 1
                }
            }
            let inner = alternation()
            _ = take(")")
            return counts ? inner : 0
        }

        /// After `[`: skips a set, nested sets, escapes and `\Q…\E` (where `]` is a character) included.
        mutating func skipClass() {
            var depth = 1
            // A `]` first in a set, or right after `^`, is a literal.
            _ = take("^")
            _ = take("]")
            while depth > 0, let scalar = take() {
                switch scalar {
                case "\\":
                    if take("Q") {
                        _ = skipQuoted()
                    } else {
                        position += 1
                    }
                case "[": depth += 1
                case "]": depth -= 1
                default: break
                }
            }
        }

        /// After `\Q`: steps past the quoted text and its `\E`, returning the quoted characters.
        mutating func skipQuoted() -> [Unicode.Scalar] {
            var quoted: [Unicode.Scalar] = []
            while let next = take() {
                if next == "\\", current == "E" {
                    position += 1
                    break
                }
                quoted.append(next)
            }
            return quoted
        }

        /// After `\`: zero for anchors and back references, the text of `\Q…\E`, a spelt-out character for an
        /// escape that stands for one character, one unit for a class such as `\w` or `\p{L}`.
        mutating func escape() -> Int {
            guard let scalar = take() else { return 0 }
            switch scalar {
            case "b", "B", "A", "z", "Z", "G", "E", "k":
                if scalar == "k" { while let next = take(), next != ">" {} }
                return 0
            case "1"..."9":
                while let next = current, ("0"..."9").contains(next) { position += 1 }
                return 0
            case "Q":
                var quoted = skipQuoted().map { literalThirds * $0.utf16.count }
                guard let last = quoted.popLast() else { return 0 }
                // A quantifier after `\E` repeats the last quoted character only.
                return quoted.reduce(0, +) + quantified(last)
            case "p", "P":
                if take("{") {
                    while let next = take(), next != "}" {}
                } else {
                    position += 1
                }
                return 3
            case "N", "x":
                if take("{") {
                    while let next = take(), next != "}" {}
                } else if scalar == "x" {
                    skipDigits(upTo: 2, in: "0123456789abcdefABCDEF")
                }
                return literalThirds
            case "u", "U":
                skipDigits(upTo: scalar == "u" ? 4 : 8, in: "0123456789abcdefABCDEF")
                return literalThirds
            case "0":
                skipDigits(upTo: 3, in: "01234567")
                return literalThirds
            case "c":
                position += 1
                return literalThirds
            case "d", "D", "h", "H", "s", "S", "v", "V", "w", "W", "R", "X":
                return 3
            default:
                // `\t`, `\n`, `\e` and the like, and escaped punctuation: one character each.
                return literalThirds
            }
        }

        mutating func skipDigits(upTo count: Int, in digits: String) {
            for _ in 0..<count {
                guard let scalar = current, digits.unicodeScalars.contains(scalar) else { return }
                position += 1
            }
        }
    }
}
