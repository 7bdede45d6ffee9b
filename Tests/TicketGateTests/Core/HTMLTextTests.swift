import Foundation
import Testing
import TicketGateCore

/// Provider HTML reduced to text: tags out, line breaks where blocks end, scripts, styles and comments left
/// out, entities decoded once; the same text in every process.
@Suite struct HTMLTextTests {
    @Test(arguments: [
        ("<p>Hello</p><p>World</p>", "Hello\nWorld"),
        ("a<br>b<br/>c<BR >d", "a\nb\nc\nd"),
        ("&amp;lt;", "&lt;"),
        ("&lt;b&gt;bold&lt;/b&gt;", "<b>bold</b>"),
        ("&#39;&#x41;&#65;&#X42;", "'AAB"),
        ("&unknown; &amp fish &; &#; &#xZZ;", "&unknown; &amp fish &; &#; &#xZZ;"),
        ("&#xD800; &#1114112;", "&#xD800; &#1114112;"),
        ("&nbsp;x&hellip;", "x\u{2026}"),
        ("<script>alert('<p>hi</p>')</script>After", "After"),
        ("<STYLE type=\"text/css\">p > b { }</StyLe >Text", "Text"),
        ("<scriptx>kept</scriptx>", "kept"),
        ("<!-- a > b --><p>Visible</p>", "Visible"),
        // A comment never closed is text up to the first `>`, and reading goes on after it.
        ("<!-- never closed <p>hidden</p>", "<!-- never closed <p>hidden"),
        ("x\u{6DD}<b>y</b>", "x\u{6DD}y"),
        ("  <p>  padded  </p>  ", "padded"),
        ("a<br><br><br><br>b", "a\n\nb"),
        ("<div>one</div>\n\n\n\n<div>two</div>", "one\n\ntwo"),
        // A `<` that begins no markup, or markup never closed, is text.
        ("a<b", "a<b"),
        ("I <3 this product, please call me back", "I <3 this product, please call me back"),
        ("x <", "x <"),
        ("a < b, a <= b, <<b>>", "a < b, a <= b, <>"),
        ("Call me <a href=\"tel:1\">now</a> or <later", "Call me now or <later"),
        ("<a title='>'>t</a> 2 < 3 > 1", "t 2 < 3 > 1"),
        ("x</ p>y</>z", "x\nyz"),
        ("<p>Hi</p><script>never closed", "Hi"),
        ("plain text, no markup", "plain text, no markup"),
        ("Grüße <b>über</b> 日本 \u{1F600}", "Grüße über 日本 \u{1F600}"),
        ("<p>é</p>&euro;&café;", "é\n€&café;"),
        ("<!DOCTYPE html><html><body>x</body></html>", "x"),
        ("", ""),
    ])
    func reducesHTMLToText(html: String, text: String) {
        #expect(HTMLText.plainText(fromHTML: html) == text)
    }

    /// Entities decoded by walking a dictionary depended on its order, which changes from process to process:
    /// `&amp;lt;` came out as `<` in some and `&lt;` in others. Six processes (`ticketgate explain` on a chat
    /// whose turn is HTML) all print the same text.
    @Test func theTextIsTheSameInEveryProcess() async throws {
        let directory = try TemporaryDirectory()
        _ = try directory.write("rules/rules.yml", "sources:\n  chat: { kind: chat, verify: { scheme: none } }\n")
        let payload = #"{"turns":[{"role":"customer","name":"Jane","html":"<p>Use &amp;lt;b&amp;gt; and &amp;amp; &amp;quot;here&amp;quot;</p>"}]}"#
        let file = try directory.write("chat.json", payload)
        var texts = Set<String>()
        for _ in 0..<6 {
            let (output, status) = try await TicketGateCommand.run([
                "explain", "--rules", directory.file("rules"), "--source", "chat", "--no-verify", "--json", file,
            ])
            #expect(status == 0, "\(output)")
            let explained = try JSONDecoder().decode(JSONValue.self, from: Data(output.utf8))
            texts.insert(explained["event", "text"]?.string ?? "")
        }
        #expect(texts == [#"Use &lt;b&gt; and &amp; &quot;here&quot;"#])
    }
}
