import Foundation
import Testing
import TicketGateCore

/// Every form format: its fixture, signed as its provider signs, through `POST /hooks/{source}`.
@Suite struct FormFixtureTests {
    @Test func genericJSON() async throws {
        let body = try Fixtures.text("form/generic.json")
        let event = try await FixtureGateway.receive(
            "form-generic", body: body, contentType: "application/json", headers: ["X-Signature": Signing.header(body, secret: "website-secret")]
        )
        #expect(event.kind == .form)
        #expect(event.format == "generic")
        #expect(event.sender == Party(email: "jane.doe@example.com", name: "Jane Doe"))
        #expect(event.subject == "Refund for invoice 1042")
        #expect(event.text == "I was charged twice for invoice 1042.\nPlease refund the second charge.")
        #expect(event.fields.value(named: "contact.phone") == "+31 20 123 4567")
        #expect(event.fields.value(named: "products") == "analytics, exports")
        #expect(event.thread == ThreadKeys())
        #expect(event.attachments.isEmpty)
    }

    @Test func genericURLEncoded() async throws {
        let body = try Fixtures.text("form/generic.urlencoded")
        let event = try await FixtureGateway.receive(
            "form-generic", body: body, contentType: "application/x-www-form-urlencoded",
            headers: ["X-Signature": Signing.header(body, secret: "website-secret")]
        )
        #expect(event.sender == Party(email: "sam+support@example.org", name: "Sam O'Brien"))
        #expect(event.subject == "Café order #7")
        #expect(event.text == "The order arrived cold.\nReplace it, please.")
        #expect(event.fields.value(named: "topic") == "orders, quality")
        #expect(event.attachments.isEmpty)
    }

    @Test func genericMultipartWithAFile() async throws {
        let body = try Fixtures.text("form/generic.multipart")
        let event = try await FixtureGateway.receive(
            "form-generic", body: body, contentType: Fixtures.multipartType, headers: ["X-Signature": Signing.header(body, secret: "website-secret")]
        )
        #expect(event.sender == Party(email: "lee@example.net", name: "Lee Park"))
        #expect(event.subject == "Broken export")
        #expect(event.text == "The CSV export stops after 100 rows. Log attached.")
        let file = try #require(event.attachments.first)
        #expect(event.attachments.count == 1)
        #expect(file.name == "export-log.txt")
        #expect(file.contentType == "text/plain")
        #expect(file.size == 80)
        #expect(file.url == nil)
    }

    @Test func typeform() async throws {
        let body = try Fixtures.text("form/typeform.json")
        let event = try await FixtureGateway.receive(
            "typeform", body: body, contentType: "application/json", headers: Signers.typeform(body: body, secret: "typeform-secret")
        )
        #expect(event.providerEventID == "01JDXV8R3QZ4K5N6P7R8S9T0AB")
        #expect(event.sender == Party(email: "ana.lima@example.com", name: "Ana Lima"))
        #expect(event.subject == "Support request")
        #expect(event.text == "My invoice shows the wrong VAT number.")
        #expect(event.occurredAt == TimeValueFixture.date("2026-11-21T10:15:48Z"))
        #expect(event.fields.map(\.name) == ["name", "email", "product", "message", "urgent", "screenshot", "hidden.account"])
        #expect(event.fields.field(named: "product")?.label == "Which product?")
        #expect(event.fields.value(named: "product") == "Billing")
        #expect(event.fields.value(named: "urgent") == "yes")
        #expect(event.fields.value(named: "hidden.account") == "acme-42")
        #expect(
            event.attachments == [
                Attachment(
                    name: "invoice.png", contentType: "application/octet-stream", url: "https://api.typeform.com/responses/files/abc123/invoice.png")
            ])
        #expect(event.thread == ThreadKeys())
    }

    @Test func tally() async throws {
        let body = try Fixtures.text("form/tally.json")
        let signature = Signers.base64(Signers.hmac(.sha256, secret: "tally-secret", body))
        let event = try await FixtureGateway.receive("tally", body: body, contentType: "application/json", headers: ["Tally-Signature": signature])
        #expect(event.providerEventID == "8f1c2a3b-4d5e-4f60-9a7b-1c2d3e4f5a6b")
        #expect(event.sender == Party(email: "omar@example.com", name: "Omar Haddad"))
        #expect(event.subject == "Bug report")
        #expect(
            event.text
                == "Name: Omar Haddad\nEmail: omar@example.com\nBrowser: Firefox\nWhat happened?: The dashboard is blank after login.\nScreen recording: recording.webm"
        )
        #expect(event.fields.value(named: "Browser") == "Firefox")
        #expect(
            event.attachments == [
                Attachment(name: "recording.webm", contentType: "video/webm", size: 482_113, url: "https://storage.tally.so/private/recording.webm")
            ]
        )
    }

    @Test func webflow() async throws {
        let body = try Fixtures.text("form/webflow.json")
        let event = try await FixtureGateway.receive(
            "webflow", body: body, contentType: "application/json", headers: Signers.webflow(body: body, secret: "webflow-secret", at: Date())
        )
        #expect(event.providerEventID == "6321ca84df3949bfc6752327")
        #expect(event.sender == Party(email: "mia.svensson@example.se", name: "Mia Svensson"))
        #expect(event.subject == "Contact Us")
        #expect(event.text == "Can we get an invoice in SEK?")
        #expect(event.fields.value(named: "Company") == "Nordfjord AB")
        #expect(event.attachments.isEmpty)
    }

    @Test func jotform() async throws {
        let body = try Fixtures.text("form/jotform.multipart")
        let event = try await FixtureGateway.receive("jotform", body: body, contentType: Fixtures.multipartType, query: "?token=jotform-token")
        #expect(event.providerEventID == "5891234567890123456")
        #expect(event.sender == Party(email: "kofi@example.com", name: "Kofi Mensah"))
        #expect(event.subject == "Warranty claim")
        #expect(event.text == "The kettle stopped heating after a week.")
        #expect(event.fields.map(\.name) == ["name", "email", "orderNumber", "message", "photo"])
        #expect(event.fields.value(named: "orderNumber") == "A-77812")
        #expect(
            event.attachments.map(\.url) == ["https://www.jotform.com/uploads/acme/241234567890123/5891234567890123456/kettle.jpg"]
        )
    }
}

/// Parses the ISO 8601 dates fixtures use.
enum TimeValueFixture {
    static func date(_ text: String) -> Date? {
        try? Date(text, strategy: .iso8601)
    }
}
