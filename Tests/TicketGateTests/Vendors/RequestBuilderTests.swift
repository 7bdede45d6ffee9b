import Foundation
import Testing

@testable import TicketGateVendors

/// Paths and queries are percent-encoded as RFC 3986 asks: every byte but the unreserved characters.
@Suite struct RequestBuilderTests {
    @Test(arguments: [
        "ann+tag@example.com", "Zoë Ölmez", "a/b?c=d&e#f", "100%", "~keep-._this", "", "日本語", "emoji 🎫", "tab\tnew\nline",
    ])
    func encodesAComponentAsFoundationDoes(_ text: String) {
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        #expect(RequestBuilder.encodeComponent(text) == text.addingPercentEncoding(withAllowedCharacters: unreserved))
    }

    /// A ticket reference a rule extracted from a subject becomes a path segment: dots alone cannot climb.
    @Test(arguments: [(".", "%2E"), ("..", "%2E%2E"), ("...", "..."), ("../../admin", "..%2F..%2Fadmin")])
    func aComponentOfDotsCannotMoveThePath(text: String, encoded: String) {
        #expect(RequestBuilder.encodeComponent(text) == encoded)
    }

    @Test func aQueryIsEncodedComponentByComponent() {
        let builder = RequestBuilder(baseURL: "https://spp.example", commonHeaders: [], credentialHeaders: [])
        let request = builder.get("/api/clients", query: [("filters[email][$eq]", "ann+1@example.com")])
        #expect(request.url == "https://spp.example/api/clients?filters%5Bemail%5D%5B%24eq%5D=ann%2B1%40example.com")
    }
}
