import Testing
import TicketGateCore

/// What `Fuzz/run` found, each kept as an ordinary test.
@Suite struct FuzzFindingsTests {
    /// fuzz-html-text: a `>` after U+06DD (a prepended mark, one `Character` with what follows it) was left
    /// unescaped, so a sender's text could open a tag in the HTML sent to a vendor.
    @Test(arguments: [
        ("\u{6DD}>", "\u{6DD}&gt;"), ("\u{6DD}<script>", "\u{6DD}&lt;script&gt;"), ("\u{600}\"", "\u{600}&quot;"),
        ("\u{110BD}'", "\u{110BD}&#39;"), ("a\u{301}&", "a\u{301}&amp;"), ("\u{6DD}&lt;", "\u{6DD}&amp;lt;"),
    ])
    func escapingIsScalarByScalar(text: String, escaped: String) {
        #expect(HTMLText.escape(text).unicodeScalars.elementsEqual(escaped.unicodeScalars), "\(HTMLText.escape(text).debugDescription)")
    }
}
