import Foundation

/// The little HTML handling the gateway needs: escaping values into HTML, and reducing provider HTML to text.
/// Both walk Unicode scalars, not `Character`s: a mark that joins the character after it (U+06DD before `>`)
/// cannot hide markup from them.
package enum HTMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` escaped.
    package static func escape(_ text: String) -> String {
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
    package static func paragraphs(_ text: String) -> String {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        return normalized.components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .newlines) }
            .filter { !$0.isEmpty }
            .map { "<p>" + $0.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) }.joined(separator: "<br>") + "</p>" }
            .joined()
    }

    /// The text of an HTML fragment, in one pass over its UTF-8 (`HTMLTextReader`): tags removed, `<br>` and the
    /// ends of blocks as line breaks, comments and the bodies of `<script>` and `<style>` left out, entities (named
    /// ones in `entities`, and numeric ones) decoded once, so `&amp;lt;` is `&lt;`. What is not markup is text as
    /// Python's `html.parser` reads it: `I <3 you`, `a<b`, a `<` at the end, a tag or comment never closed.
    /// Each line is trimmed, and blank lines are collapsed to one. Markup is ASCII, and no byte of a multi-byte
    /// UTF-8 sequence is, so other text is copied byte for byte.
    package static func plainText(fromHTML html: String) -> String {
        var html = html
        let text = html.withUTF8 { bytes in
            var reader = HTMLTextReader(bytes)
            reader.read()
            return String(decoding: reader.text, as: UTF8.self)
        }
        return tidied(text)
    }

    /// The named entities decoded; any other is left as written.
    package static let entities: [String: Unicode.Scalar] = [
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
}
