import Foundation

/// Email addresses in headers and fields: a loose plausibility check and `Name <address>` parsing.
enum EmailAddress {
    /// One `@`, something on both sides, a dot in the domain, no spaces (Unicode's included) or control
    /// characters. Strict validation belongs to the helpdesk; this only catches a field mapped to the wrong input.
    static func isPlausible(_ text: String) -> Bool {
        let bytes = text.utf8
        guard let at = bytes.firstIndex(of: UInt8(ascii: "@")), at != bytes.startIndex else { return false }
        let domain = bytes[bytes.index(after: at)...]
        guard domain.first != UInt8(ascii: "."), domain.last != UInt8(ascii: "."), domain.contains(UInt8(ascii: ".")),
            !domain.contains(UInt8(ascii: "@"))
        else {
            return false
        }
        return !text.contains(where: \.isWhitespace) && !text.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    /// `"Doe, Jane" <jane@example.com>`, `Jane Doe <jane@example.com>`, `jane@example.com (Jane)` or a bare
    /// address. Returns `nil` when no plausible address is found.
    static func parse(_ header: String) -> (email: String, name: String?)? {
        let text = header.trimmingCharacters(in: .whitespacesAndNewlines)
        if let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close {
            let address = String(text[text.index(after: open)..<close]).trimmingCharacters(in: .whitespaces)
            guard isPlausible(address) else { return nil }
            return (address, cleanName(String(text[..<open])))
        }
        if let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close {
            let address = String(text[..<open]).trimmingCharacters(in: .whitespaces)
            guard isPlausible(address) else { return nil }
            return (address, cleanName(String(text[text.index(after: open)..<close])))
        }
        return isPlausible(text) ? (text, nil) : nil
    }

    /// Every address of a list such as `To: a@x.com, "B, Bee" <b@y.com>`; commas inside quotes or angle
    /// brackets do not split.
    static func parseList(_ header: String) -> [(email: String, name: String?)] {
        var items: [String] = []
        var current = ""
        var quoted = false
        var angled = false
        for character in header {
            switch character {
            case "\"": quoted.toggle()
            case "<": angled = true
            case ">": angled = false
            case "," where !quoted && !angled:
                items.append(current)
                current = ""
                continue
            default: break
            }
            current.append(character)
        }
        items.append(current)
        return items.compactMap(parse)
    }

    private static func cleanName(_ text: String) -> String? {
        var name = text.trimmingCharacters(in: .whitespaces)
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
            name = String(name.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
        }
        return name.isEmpty ? nil : name
    }
}
