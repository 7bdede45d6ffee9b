import Foundation

/// The little HTML handling the gateway needs: escaping values into HTML, and reducing provider HTML to text.
/// Both walk Unicode scalars, not `Character`s: a mark that joins the character after it (U+06DD before `>`)
/// cannot hide markup from them.
public enum HTMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` escaped.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// Plain text as HTML: each blank-line-separated block a paragraph, single line breaks as `<br>`.
    public static func paragraphs(_ text: String) -> String {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        return normalized.components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .newlines) }
            .filter { !$0.isEmpty }
            .map { "<p>" + $0.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) }.joined(separator: "<br>") + "</p>" }
            .joined()
    }

    /// The text of an HTML fragment, in one pass over its UTF-8: tags removed, `<br>` and the ends of blocks as
    /// line breaks, comments and the bodies of `<script>` and `<style>` left out, entities (named ones in
    /// `entities`, and numeric ones) decoded once, so `&amp;lt;` is `&lt;`. Each line is trimmed, and blank lines
    /// are collapsed to one. Markup is ASCII, and no byte of a multi-byte UTF-8 sequence is, so other text is
    /// copied byte for byte.
    public static func plainText(fromHTML html: String) -> String {
        var html = html
        let text = html.withUTF8 { bytes in
            var reader = Reader(bytes)
            var text: [UInt8] = []
            text.reserveCapacity(bytes.count)
            while let byte = reader.next() {
                switch byte {
                case UInt8(ascii: "<"): reader.skipMarkup(into: &text)
                case UInt8(ascii: "&"): reader.appendEntity(to: &text)
                default: text.append(byte)
                }
            }
            return String(decoding: text, as: UTF8.self)
        }
        return tidied(text)
    }

    /// The named entities decoded; any other is left as written.
    public static let entities: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "copy": "\u{A9}", "reg": "\u{AE}", "trade": "\u{2122}",
        "hellip": "\u{2026}", "mdash": "\u{2014}", "ndash": "\u{2013}", "lsquo": "\u{2018}", "rsquo": "\u{2019}", "ldquo": "\u{201C}",
        "rdquo": "\u{201D}", "euro": "\u{20AC}", "pound": "\u{A3}", "bull": "\u{2022}", "middot": "\u{B7}",
    ]

    /// The tags whose end (or, for `br`, the tag itself) breaks a line.
    static let lineBreaking: Set<String> = ["br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"]

    /// Each line trimmed of spaces and tabs, no more than one blank line in a row, none at either end.
    private static func tidied(_ text: String) -> String {
        var lines: [Substring] = []
        var blank = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let kept = Substring(String(line).trimmingWhitespace())
            if kept.isEmpty {
                blank += 1
                if blank > 1 || lines.isEmpty { continue }
            } else {
                blank = 0
            }
            lines.append(kept)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// A cursor over the UTF-8 of an HTML fragment.
    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        mutating func next() -> UInt8? {
            guard index < bytes.count else { return nil }
            defer { index += 1 }
            return bytes[index]
        }

        /// After a `<`: a comment, a tag, or the body of a script or style element is stepped over, and a line
        /// break written for a tag that makes one.
        mutating func skipMarkup(into text: inout [UInt8]) {
            if startsWith("!--") {
                skip(past: "-->")
                return
            }
            let tagStart = index
            while let byte = next(), byte != UInt8(ascii: ">") {}
            let tagEnd = index < bytes.count || bytes.last == UInt8(ascii: ">") ? index - 1 : index
            let tag = bytes[tagStart..<max(tagStart, tagEnd)]
            let closing = tag.first == UInt8(ascii: "/")
            let name = String(decoding: tag.drop { $0 == UInt8(ascii: "/") }.prefix(while: Self.isNameByte), as: UTF8.self).lowercased()
            guard !name.isEmpty else { return }
            if !closing, name == "script" || name == "style" {
                skip(pastIgnoringCase: "</\(name)")
                skip(past: ">")
            } else if HTMLText.lineBreaking.contains(name), closing || name == "br" {
                text.append(UInt8(ascii: "\n"))
            }
        }

        /// After a `&`: the entity's text, or the `&` itself when no entity follows.
        mutating func appendEntity(to text: inout [UInt8]) {
            var cursor = index
            while cursor < bytes.count, cursor - index <= 32 {
                let byte = bytes[cursor]
                if byte == UInt8(ascii: ";") {
                    guard let decoded = Self.decode(String(decoding: bytes[index..<cursor], as: UTF8.self)) else { break }
                    index = cursor + 1
                    text.append(contentsOf: String(decoded).utf8)
                    return
                }
                guard Self.isNameByte(byte) || byte == UInt8(ascii: "#") else { break }
                cursor += 1
            }
            text.append(UInt8(ascii: "&"))
        }

        /// A named entity, `#123` or `#x1F600`; `nil` for anything else or for a number that is no scalar.
        private static func decode(_ name: String) -> Unicode.Scalar? {
            guard name.hasPrefix("#") else { return HTMLText.entities[name] }
            let digits = name.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            return value.flatMap(Unicode.Scalar.init)
        }

        /// ASCII letters and digits: what a tag or entity name is made of.
        private static func isNameByte(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
            default: false
            }
        }

        private func startsWith(_ marker: String, ignoringCase: Bool = false) -> Bool {
            let marker = Array(marker.utf8)
            guard bytes.count - index >= marker.count else { return false }
            return marker.indices.allSatisfy { offset in
                let byte = bytes[index + offset]
                return (ignoringCase ? Self.asciiLowercased(byte) : byte) == marker[offset]
            }
        }

        private mutating func skip(past marker: String) {
            while index < bytes.count, !startsWith(marker) { index += 1 }
            index = min(bytes.count, index + marker.utf8.count)
        }

        /// Steps past `marker`, an ASCII text, matched with ASCII letters in either case.
        private mutating func skip(pastIgnoringCase marker: String) {
            let marker = marker.lowercased()
            while index < bytes.count, !startsWith(marker, ignoringCase: true) { index += 1 }
            index = min(bytes.count, index + marker.utf8.count)
        }

        private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
        }
    }
}
