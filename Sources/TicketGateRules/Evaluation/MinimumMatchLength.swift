/// The fewest UTF-16 units any match of a regular expression (ICU syntax) can span, so a value shorter than
/// that is refused without running the regex: `(?s).{2000,}` on a 300-character message costs the engine
/// tens of thousands of steps to fail, and nothing here. Conservative: what it does not understand counts as
/// zero, and under case-insensitive matching a literal may match a third of its length (Unicode case folding
/// turns one character into at most three).
enum MinimumMatchLength {
    static func of(_ pattern: String) -> Int {
        // Free-spacing mode changes what whitespace and `#` mean; do not guess.
        if pattern.contains("(?x") || pattern.range(of: #"\(\?[a-wyz-]*x"#, options: .regularExpression) != nil { return 0 }
        var scanner = Scanner(units: Array(pattern.unicodeScalars))
        let length = scanner.alternation()
        guard scanner.atEnd, !scanner.confused else { return 0 }
        let caseInsensitive = pattern.range(of: #"\(\?[a-z-]*i"#, options: .regularExpression) != nil
        return caseInsensitive ? length.other + length.literal / 3 : length.other + length.literal
    }

    /// A minimum length split into literal characters (which case folding may shorten) and the rest.
    struct Length {
        var literal = 0
        var other = 0

        static let zero = Length()
        var total: Int { literal + other }

        static func + (lhs: Length, rhs: Length) -> Length {
            Length(literal: min(lhs.literal + rhs.literal, 1 << 30), other: min(lhs.other + rhs.other, 1 << 30))
        }

        func times(_ count: Int) -> Length {
            Length(literal: min(literal * count, 1 << 30), other: min(other * count, 1 << 30))
        }
    }

    private struct Scanner {
        let units: [Unicode.Scalar]
        var position = 0
        /// Set on syntax this does not follow; the pattern then gets no minimum.
        var confused = false

        init(units: [Unicode.Scalar]) { self.units = units }

        var atEnd: Bool { position >= units.count }
        var current: Unicode.Scalar? { atEnd ? nil : units[position] }

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
        mutating func alternation() -> Length {
            var shortest = sequence()
            while take("|") {
                let next = sequence()
                if next.total < shortest.total { shortest = next }
            }
            return shortest
        }

        mutating func sequence() -> Length {
            var total = Length.zero
            while let scalar = current, scalar != "|", scalar != ")" {
                total = total + quantified(atom())
            }
            return total
        }

        mutating func quantified(_ atom: Length) -> Length {
            var result = atom
            switch current {
            case "*", "?":
                position += 1
                result = .zero
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
                result = atom.times(count)
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
                value = min((value ?? 0) * 10 + digit, 1 << 30)
                position += 1
            }
            return value
        }

        mutating func atom() -> Length {
            guard let scalar = take() else { return .zero }
            switch scalar {
            case "(": return group()
            case "[":
                skipClass()
                return Length(other: 1)
            case "\\": return escape()
            case "^", "$": return .zero
            case ".": return Length(other: 1)
            default: return Length(literal: scalar.utf16.count)
            }
        }

        /// After `(`: a group's shortest alternative, or zero for lookarounds, comments and flag settings.
        mutating func group() -> Length {
            var counts = true
            if take("?") {
                switch current {
                case "#":
                    while let scalar = take(), scalar != ")" {}
                    return .zero
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
                    if take(")") { return .zero }
                    position += 1
                }
            }
            let inner = alternation()
            _ = take(")")
            return counts ? inner : .zero
        }

        /// After `[`: skips a set, nested sets and escapes included.
        mutating func skipClass() {
            var depth = 1
            // A `]` first in a set, or right after `^`, is a literal.
            _ = take("^")
            _ = take("]")
            while depth > 0, let scalar = take() {
                switch scalar {
                case "\\": position += 1
                case "[": depth += 1
                case "]": depth -= 1
                default: break
                }
            }
        }

        /// After `\`: zero for anchors and back references, the text of `\Q…\E`, one for everything else.
        mutating func escape() -> Length {
            guard let scalar = take() else { return .zero }
            switch scalar {
            case "b", "B", "A", "z", "Z", "G", "E", "k":
                if scalar == "k" { while let next = take(), next != ">" {} }
                return .zero
            case "1"..."9":
                while let next = current, ("0"..."9").contains(next) { position += 1 }
                return .zero
            case "Q":
                var quoted: [Int] = []
                while let next = take() {
                    if next == "\\", current == "E" {
                        position += 1
                        break
                    }
                    quoted.append(next.utf16.count)
                }
                guard let last = quoted.popLast() else { return .zero }
                // A quantifier after `\E` repeats the last quoted character only.
                return Length(literal: quoted.reduce(0, +)) + quantified(Length(literal: last))
            case "p", "P", "N", "x":
                if take("{") {
                    while let next = take(), next != "}" {}
                } else if scalar == "x" {
                    skipDigits(upTo: 2, in: "0123456789abcdefABCDEF")
                } else if scalar != "N" {
                    position += 1
                }
                return Length(other: 1)
            case "u", "U":
                skipDigits(upTo: scalar == "u" ? 4 : 8, in: "0123456789abcdefABCDEF")
                return Length(other: 1)
            case "0":
                skipDigits(upTo: 3, in: "01234567")
                return Length(other: 1)
            case "c":
                position += 1
                return Length(other: 1)
            default:
                return Length(other: 1)
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
