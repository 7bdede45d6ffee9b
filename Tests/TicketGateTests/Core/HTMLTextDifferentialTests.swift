import Foundation
import Testing
import TicketGateCore

/// `HTMLText.plainText(fromHTML:)` keeps the text Python's `html.parser` (Python 3.11, as Debian 12 ships it)
/// reads from the same HTML: generated fragments of real tags, attributes with quotes and `>` in their values,
/// comments, entities, scripts and styles, stray `<`, `>` and `&`, text beyond ASCII, and constructs left open
/// at the end. The reference's text is the data its parser hands over, leaving out what is inside `<script>`
/// and `<style>`, with character references decoded.
///
/// "The same" is the same characters in the same order once white space (Unicode's White_Space) is taken out of
/// both: HTMLText turns the ends of blocks into line breaks, trims lines and collapses blank ones, and the
/// reference does none of that, but neither may drop, add or reorder any other character. A dropped `<3`, word
/// or entity, or markup read as text, changes that sequence.
@Suite struct HTMLTextDifferentialTests {
    static let reference = """
        import json, sys
        from html.parser import HTMLParser

        class Text(HTMLParser):
            def __init__(self):
                super().__init__(convert_charrefs=True)
                self.parts = []
            def handle_data(self, data):
                if self.cdata_elem is None:
                    self.parts.append(data)

        def text(html):
            parser = Text()
            parser.feed(html)
            parser.close()
            return "".join(parser.parts)

        json.dump([text(html) for html in json.load(sys.stdin)], sys.stdout)
        """

    @Test func keepsTheTextPythonsParserReads() async throws {
        let seed = try TestSeed.next()
        var random = SeededRandom(seed: seed)
        let fragments = (0..<3_000).map { _ in Self.fragment(using: &random) }
        let expected = try await PythonReference.run(Self.reference, input: fragments, as: [String].self)
        try #require(expected.count == fragments.count, "\(seed)")
        var keptAngle = 0
        for (html, text) in zip(fragments, expected) {
            let actual = HTMLText.plainText(fromHTML: html)
            #expect(
                Self.normalized(actual) == Self.normalized(text),
                "\(seed): \(html.debugDescription) reads as \(actual.debugDescription), Python's parser as \(text.debugDescription)")
            if text.contains("<") { keptAngle += 1 }
        }
        // The generator must often write a `<` that is text, or the comparison says little about it.
        #expect(keptAngle > fragments.count / 5, "\(seed): only \(keptAngle) fragments keep a `<` as text")
    }

    /// The text without its white space.
    static func normalized(_ text: String) -> String {
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: text.unicodeScalars.filter { !$0.properties.isWhitespace })
        return String(kept)
    }

    // MARK: - Generated HTML

    static let words = ["hello", "world", "I", "3", "call", "me", "back", "Grüße", "日本", "😀", "é", "x", "a", "b", "42", "ok", "ß", "ﬀ"]
    static let tags = ["p", "div", "b", "i", "span", "a", "br", "li", "h1", "td", "em", "img", "font", "P", "DIV", "Br"]
    static let values = ["x", "a > b", "it's", #"say "hi""#, "日本", "1<2", "&amp;", "", "p > q <b>", "-->", "</script>"]

    /// A fragment: up to a dozen pieces, often followed by a construct the fragment ends inside.
    static func fragment(using random: inout SeededRandom) -> String {
        var html = (0..<Int.random(in: 0...12, using: &random)).map { _ in piece(using: &random) }.joined()
        if Int.random(in: 0..<10, using: &random) < 4 { html += unclosed.randomElement(using: &random)! }
        return html
    }

    static func piece(using random: inout SeededRandom) -> String {
        switch Int.random(in: 0..<20, using: &random) {
        case 0...4, 19: return (0..<Int.random(in: 1...4, using: &random)).map { _ in words.randomElement(using: &random)! }.joined(separator: " ")
        case 5: return [" ", "\n", "  \t", "\r\n"].randomElement(using: &random)!
        case 6: return "<" + tags.randomElement(using: &random)! + attributes(using: &random) + ["", "/", " /"].randomElement(using: &random)! + ">"
        case 7: return "</" + tags.randomElement(using: &random)! + ["", " ", "\n"].randomElement(using: &random)! + ">"
        case 8:
            return "<!--" + [" note ", " a > b ", "", "-", " <p>x</p> ", " -- "].randomElement(using: &random)!
                + ["-->", "-- >", "--->"].randomElement(using: &random)!
        case 9:
            return ["&amp;", "&lt;", "&gt;", "&quot;", "&nbsp;", "&copy;", "&hellip;", "&#65;", "&#x263A;", "&#233;", "&zq;", "&euro;", "&amp;lt;"]
                .randomElement(using: &random)!
        case 10: return ["<", "< ", "<3", "<=", "<<", "< b", "<é", "<1", "<-", "<.", "<\n", "<>"].randomElement(using: &random)!
        case 11: return [">", " > ", ">>"].randomElement(using: &random)!
        case 12: return ["& ", "&&", "& 3", "&#;", "&;", "& x"].randomElement(using: &random)!
        case 13:
            return [
                "<script>if (a < b && c > d) x()</script>", "<style>p > b { }</style>", "<SCRIPT type='x'>a<b</SCRIPT >",
                "<script>x</script foo>y</script>", "<style>p{}</ style>", "<script/>kept",
            ].randomElement(using: &random)!
        case 14: return ["<!DOCTYPE html>", "<?xml version='1.0'?>", "<!x y>", "</>", "</ 3>", "</ p>"].randomElement(using: &random)!
        case 15: return ["I <3 this", "a<b", "x < y and y > z", "2<3>1", "<<b>>"].randomElement(using: &random)!
        case 16: return ["<br>", "<br/>", "<p>", "</p>", "<div>", "</div>", "<li>"].randomElement(using: &random)!
        default: return words.randomElement(using: &random)!
        }
    }

    /// Up to three attributes: double- and single-quoted values (with `>`, `<` and quotes inside), bare values,
    /// names alone, and spaces and line breaks around `=`.
    static func attributes(using random: inout SeededRandom) -> String {
        (0..<Int.random(in: 0...3, using: &random)).map { _ in
            let name = ["href", "class", "title", "data-x", "id", "alt", "checked"].randomElement(using: &random)!
            let value = values.randomElement(using: &random)!
            switch Int.random(in: 0..<5, using: &random) {
            case 0: return " \(name)=\"\(value.replacingOccurrences(of: "\"", with: "&quot;"))\""
            case 1: return " \(name)='\(value.replacingOccurrences(of: "'", with: "&#39;"))'"
            case 2: return " \(name)=" + ["x", "42", "a-b", "y/z"].randomElement(using: &random)!
            case 3: return " \(name)"
            default: return "\n\(name) = \"\(value.replacingOccurrences(of: "\"", with: ""))\""
            }
        }.joined()
    }

    /// Constructs a fragment can end inside of.
    static let unclosed = [
        "<b", #"<a href="x"#, "<a href='x>y", "<a href=", #"<a title="a>b"#, "<!-- never", "<!-- a > b", "</di", "</", "<?xml",
        "<!DOCTYPE", "<", "<script>alert(1)", "<style>p{", "<a b c", "<p class=x", #"<img src="a.png" /"#, "<!", "<!-", "&",
        #"<a href="x">"#, "<a title= 'x>y", "I <3",
    ]
}
