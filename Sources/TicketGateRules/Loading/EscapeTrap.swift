/// A control character written into the rules, which is almost always a double-quoted YAML escape the author
/// meant for a regular expression or a path: `"\b"` is a backspace in YAML, not a word boundary. Tabs and line
/// breaks are left alone; they are written on purpose.
enum EscapeTrap {
    /// The warning for `text` (a scalar as written), or `nil` when it holds no such character.
    static func warning(for text: String) -> String? {
        guard let scalar = text.unicodeScalars.first(where: isTrap) else { return nil }
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        guard let escape = escapes[scalar] else {
            return "this value holds a control character (\(code)); if it came from a backslash escape in double quotes, "
                + "write the value in single quotes to keep the backslash as written"
        }
        let name = scalar == "\u{8}" ? "a backspace" : "a control character (\(code))"
        let intent = scalar == "\u{8}" ? "for a regular expression's word boundary" : "to keep the backslash as written"
        return "this value holds \(name), which is what \"\\\(escape)\" means in double quotes; \(intent), "
            + "write '\\\(escape)' in single quotes or \"\\\\\(escape)\" in double quotes"
    }

    /// The letter of each YAML escape that writes a control character.
    private static let escapes: [Unicode.Scalar: String] = [
        "\u{0}": "0", "\u{7}": "a", "\u{8}": "b", "\u{B}": "v", "\u{C}": "f", "\u{1B}": "e",
    ]

    private static func isTrap(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00...0x1F, 0x7F: true
        default: false
        }
    }
}
