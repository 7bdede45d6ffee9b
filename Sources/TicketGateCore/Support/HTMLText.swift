import Foundation

/// The little HTML handling the gateway needs: escaping values into HTML, and reducing provider HTML to text.
/// Both walk Unicode scalars, not `Character`s: a mark that joins the character after it (U+06DD before `>`)
/// cannot hide markup from them.
public enum HTMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` escaped.
    public static func escape(_ text: String) -> String {
        var escaped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped.append(contentsOf: "&amp;".unicodeScalars)
            case "<": escaped.append(contentsOf: "&lt;".unicodeScalars)
            case ">": escaped.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": escaped.append(contentsOf: "&quot;".unicodeScalars)
            case "'": escaped.append(contentsOf: "&#39;".unicodeScalars)
            default: escaped.append(scalar)
            }
        }
        return String(escaped)
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

    /// The text of an HTML fragment, in one pass: tags removed, `<br>` and the ends of blocks as line breaks,
    /// comments and the bodies of `<script>` and `<style>` left out, entities (named ones in `entities`, and
    /// numeric ones) decoded once, so `&amp;lt;` is `&lt;`. Each line is trimmed, and blank lines are
    /// collapsed to one.
    public static func plainText(fromHTML html: String) -> String {
        var reader = Reader(html.unicodeScalars)
        var text = String.UnicodeScalarView()
        while let scalar = reader.next() {
            switch scalar {
            case "<": reader.skipMarkup(into: &text)
            case "&": text.append(contentsOf: reader.entity())
            default: text.append(scalar)
            }
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
    private static func tidied(_ text: String.UnicodeScalarView) -> String {
        var lines: [Substring] = []
        var blank = 0
        for line in String(text).split(separator: "\n", omittingEmptySubsequences: false) {
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

    /// A cursor over the scalars of an HTML fragment.
    private struct Reader {
        let scalars: String.UnicodeScalarView
        var index: String.UnicodeScalarView.Index

        init(_ scalars: String.UnicodeScalarView) {
            self.scalars = scalars
            index = scalars.startIndex
        }

        mutating func next() -> Unicode.Scalar? {
            guard index < scalars.endIndex else { return nil }
            defer { index = scalars.index(after: index) }
            return scalars[index]
        }

        /// After a `<`: a comment, a tag, or the body of a script or style element is stepped over, and a line
        /// break written for a tag that makes one.
        mutating func skipMarkup(into text: inout String.UnicodeScalarView) {
            if scalars[index...].starts(with: "!--".unicodeScalars) {
                skip(past: "-->")
                return
            }
            var tag = String.UnicodeScalarView()
            while let scalar = next(), scalar != ">" { tag.append(scalar) }
            let name = String(tag).lowercased().split(whereSeparator: { $0 == " " || $0 == "/" || $0 == "\t" || $0 == "\n" }).first.map(String.init)
            guard let name else { return }
            let closing = tag.first == "/"
            if !closing, name == "script" || name == "style" {
                skip(pastIgnoringCase: "</\(name)")
                skip(past: ">")
            } else if HTMLText.lineBreaking.contains(name), closing || name == "br" {
                text.append("\n")
            }
        }

        /// After a `&`: the entity's text, or the `&` itself when no entity follows.
        mutating func entity() -> [Unicode.Scalar] {
            var name = String.UnicodeScalarView()
            var cursor = index
            while cursor < scalars.endIndex, name.count <= 32 {
                let scalar = scalars[cursor]
                if scalar == ";" {
                    guard let decoded = Self.decode(String(name)) else { break }
                    index = scalars.index(after: cursor)
                    return [decoded]
                }
                guard scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "#" else { break }
                name.append(scalar)
                cursor = scalars.index(after: cursor)
            }
            return ["&"]
        }

        /// A named entity, `#123` or `#x1F600`; `nil` for anything else or for a number that is no scalar.
        private static func decode(_ name: String) -> Unicode.Scalar? {
            guard name.hasPrefix("#") else { return HTMLText.entities[name] }
            let digits = name.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            return value.flatMap(Unicode.Scalar.init)
        }

        private mutating func skip(past marker: String) {
            let marker = Array(marker.unicodeScalars)
            while index < scalars.endIndex {
                if scalars[index...].starts(with: marker) {
                    index = scalars.index(index, offsetBy: marker.count)
                    return
                }
                index = scalars.index(after: index)
            }
        }

        /// Steps past `marker`, an ASCII text, matched with ASCII letters in either case.
        private mutating func skip(pastIgnoringCase marker: String) {
            let marker = Array(marker.lowercased().unicodeScalars)
            while index < scalars.endIndex {
                if scalars[index...].prefix(marker.count).lazy.map(Self.asciiLowercased).elementsEqual(marker) {
                    index = scalars.index(index, offsetBy: marker.count)
                    return
                }
                index = scalars.index(after: index)
            }
        }

        private static func asciiLowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
            ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar
        }
    }
}
