import Testing

@testable import TicketGateVendors

/// A request's query is encoded component by component.
@Suite struct RequestBuilderTests {
    @Test func aQueryIsEncodedComponentByComponent() {
        let builder = RequestBuilder(baseURL: "https://spp.example", commonHeaders: [], credentialHeaders: [])
        let request = builder.get("/api/clients", query: [("filters[email][$eq]", "ann+1@example.com")])
        #expect(request.url == "https://spp.example/api/clients?filters%5Bemail%5D%5B%24eq%5D=ann%2B1%40example.com")
    }
}
