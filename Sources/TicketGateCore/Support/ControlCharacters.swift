/// Control characters written out visibly, for text that goes to a log line or a terminal: a value from an
/// event cannot start a new line, move the cursor or send an escape sequence there.
package enum ControlCharacters {
    /// How an escaped character is written.
    package enum Style: Sendable {
        /// `\n`, `\r`, `\t` or `\u{1B}`, for text.
        case text
        /// `\u001B`, for JSON, where control characters can only be inside strings.
        case json
    }

    /// `text` with every control character but those in `kept` written out in `style`.
    package static func escaped(_ text: String, keeping kept: Set<Unicode.Scalar> = [], style: Style = .text) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) && !kept.contains($0) }) else { return text }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            guard isControl(scalar), !kept.contains(scalar) else {
                escaped.unicodeScalars.append(scalar)
                continue
            }
            let hex = String(scalar.value, radix: 16, uppercase: true)
            let written =
                switch (style, scalar) {
                case (.text, "\n"): "\\n"
                case (.text, "\r"): "\\r"
                case (.text, "\t"): "\\t"
                case (.text, _): "\\u{\(hex)}"
                case (.json, _): "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
            escaped += written
        }
        return escaped
    }

    /// Whether `text` holds a character `escaped` writes out.
    package static func contains(_ text: String) -> Bool {
        text.unicodeScalars.contains(where: isControl)
    }

    /// C0 controls, DEL, C1 controls, and the bidirectional overrides that reorder what a terminal shows.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
