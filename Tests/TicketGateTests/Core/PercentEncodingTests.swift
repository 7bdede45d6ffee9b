import Foundation
import Testing
import TicketGateCore

/// Path segments and query components are percent-encoded as RFC 3986 asks: every byte but the unreserved
/// characters.
@Suite struct PercentEncodingTests {
    @Test(arguments: [
        "ann+tag@example.com", "Zoë Ölmez", "a/b?c=d&e#f", "100%", "~keep-._this", "", "日本語", "emoji 🎫", "tab\tnew\nline",
    ])
    func encodesAComponentAsFoundationDoes(_ text: String) {
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        #expect(PercentEncoding.component(text) == text.addingPercentEncoding(withAllowedCharacters: unreserved))
    }

    /// A ticket reference a rule extracted from a subject becomes a path segment: dots alone cannot climb.
    @Test(arguments: [(".", "%2E"), ("..", "%2E%2E"), ("...", "..."), ("../../admin", "..%2F..%2Fadmin")])
    func aComponentOfDotsCannotMoveThePath(text: String, encoded: String) {
        #expect(PercentEncoding.component(text) == encoded)
    }
}
