import Testing

@testable import TicketGateInbound

/// The plausibility check reads an ASCII address byte by byte and any other by `Character`: both must give
/// the same answers.
@Suite struct EmailAddressTests {
    @Test(arguments: [
        "jane@example.com", "jane.doe+tag@mail.example.co.uk", "a@b.c", "jürgen@bücher.de", "名前@例え.jp", "o'brien@example.ie",
    ])
    func plausibleAddresses(text: String) {
        #expect(EmailAddress.isPlausible(text))
    }

    @Test(arguments: [
        "", "jane", "@example.com", "jane@", "jane@example", "jane@.example.com", "jane@example.com.", "jane@@example.com",
        "jane@exa@mple.com", "jane doe@example.com", "jane@example.com\t", "jane@example.com\r\n", "\u{0B}jane@example.com",
        "jane\u{A0}doe@example.com", "jürgen\u{2003}@bücher.de", "jane@example.com\u{2028}",
    ])
    func implausibleAddresses(text: String) {
        #expect(!EmailAddress.isPlausible(text))
    }
}
