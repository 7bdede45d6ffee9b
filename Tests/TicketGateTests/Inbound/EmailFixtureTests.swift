import Foundation
import Testing
import TicketGateCore

/// Every email format: its fixture, authenticated as its provider does, through `POST /hooks/{source}`.
@Suite struct EmailFixtureTests {
    @Test func mailgunURLEncodedReply() async throws {
        let body = Signers.mailgun(
            form: try Fixtures.text("email/mailgun.urlencoded"), key: "key-mailgun-signing", token: String(repeating: "a", count: 50), at: Date()
        )
        let event = try await FixtureGateway.receive("mailgun", body: body, contentType: "application/x-www-form-urlencoded")
        #expect(event.kind == .email)
        #expect(event.providerEventID == "CAF=abc123.4567@mail.example.com")
        #expect(event.sender == Party(email: "bob.smith@example.com", name: "Bob Smith"))
        #expect(event.recipient == "support@acme.example")
        #expect(event.subject == "Re: [#1042] Refund status")
        #expect(event.text == "Thanks, any news on the refund?")
        #expect(event.fullText?.hasPrefix("Thanks, any news on the refund?\n\nOn Fri, Nov 20, 2026") == true)
        #expect(event.html == "<div>Thanks, any news on the refund?</div>")
        #expect(
            event.thread
                == ThreadKeys(
                    messageID: "CAF=abc123.4567@mail.example.com", inReplyTo: "ticket-1042-reply@helpdesk.example",
                    references: ["ticket-1042@helpdesk.example", "ticket-1042-reply@helpdesk.example"]
                )
        )
        #expect(event.signals == SpamSignals(score: 0.3, verdict: "No"))
        #expect(event.attachments.isEmpty)
    }

    @Test func mailgunMultipartWithAttachmentAndInlineImage() async throws {
        let body = Signers.mailgun(
            multipart: try Fixtures.text("email/mailgun.multipart"), boundary: Fixtures.boundary, key: "key-mailgun-signing",
            token: String(repeating: "b", count: 50), at: Date()
        )
        let event = try await FixtureGateway.receive("mailgun", body: body, contentType: Fixtures.multipartType)
        #expect(event.sender == Party(email: "carla@example.it", name: "Rossi, Carla"))
        #expect(event.recipient == "billing@acme.example")
        #expect(event.subject == "Invoice copy")
        #expect(event.text == "Please find my receipt attached.")
        #expect(event.thread == ThreadKeys(messageID: "20261121160500.1@example.it"))
        #expect(event.attachments.map(\.name) == ["receipt.txt", "logo.svg"])
        #expect(event.attachments.map(\.contentType) == ["text/plain", "image/svg+xml"])
        #expect(event.attachments.map(\.size) == [30, 41])
        #expect(event.attachments.map(\.inline) == [false, true])
        #expect(event.attachments.map(\.contentID) == [nil, "logo123"])
    }

    @Test func sendgridInboundParse() async throws {
        let body = try Fixtures.text("email/sendgrid.multipart")
        let event = try await FixtureGateway.receive(
            "sendgrid", body: body, contentType: Fixtures.multipartType, headers: Signers.basic(user: "sendgrid", password: "sendgrid-pass")
        )
        #expect(event.providerEventID == "9f3c1a2b@mail.example.de")
        #expect(event.sender == Party(email: "juergen@example.de", name: "Jürgen Müller"))
        #expect(event.recipient == "support@acme.example")
        #expect(event.subject == "Rückerstattung")
        #expect(event.text == "Guten Tag, wann kommt meine Rückerstattung?")
        #expect(event.html == "<p>Guten Tag, wann kommt meine R&uuml;ckerstattung?</p>")
        #expect(
            event.thread
                == ThreadKeys(
                    messageID: "9f3c1a2b@mail.example.de", inReplyTo: "ticket-77@helpdesk.example", references: ["ticket-77@helpdesk.example"]))
        #expect(event.signals == SpamSignals(score: 1.2, verdict: "No", spf: "pass", dkim: "{@example.de : pass}"))
        #expect(event.attachments.map(\.name) == ["beleg.csv"])
        #expect(event.attachments.first?.contentType == "text/csv")
        #expect(event.attachments.first?.size == 24)
    }

    @Test func postmarkInbound() async throws {
        let body = try Fixtures.text("email/postmark.json")
        let event = try await FixtureGateway.receive(
            "postmark", body: body, contentType: "application/json", headers: Signers.basic(user: "postmark", password: "postmark-pass")
        )
        #expect(event.providerEventID == "73e6d360-66eb-11e1-8e72-a8904824019b")
        #expect(event.sender == Party(email: "emma.wilson@example.co.uk", name: "Emma Wilson"))
        #expect(event.recipient == "support+SampleHash@inbound.postmarkapp.com")
        #expect(event.subject == "Re: Delivery window")
        #expect(event.text == "Mornings work best.")
        #expect(event.fullText == "Mornings work best.\n\nOn Fri, Acme wrote:\n> Which delivery window suits you?")
        #expect(
            event.thread
                == ThreadKeys(
                    messageID: "CAE1xyz.987@mail.example.co.uk", inReplyTo: "delivery-3301@helpdesk.example",
                    references: ["delivery-3300@helpdesk.example", "delivery-3301@helpdesk.example"]
                )
        )
        #expect(event.signals == SpamSignals(score: -0.1, verdict: "No", spf: "pass"))
        #expect(event.attachments == [Attachment(name: "address.txt", contentType: "text/plain", size: 25)])
    }
}
