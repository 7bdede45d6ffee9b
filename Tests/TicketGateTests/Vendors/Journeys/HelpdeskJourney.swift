import Foundation
import Testing
import TicketGateCore

/// What each helpdesk must do for a support team, end to end through a gateway: a signed form becomes a ticket
/// whose first message is an internal note; a follow-up email that names the ticket in its subject lands on it,
/// visible to the customer; a create whose answer was lost is retried without a second ticket; and `explain`
/// shows the requests the form's delivery sends.
struct HelpdeskJourney: Sendable {
    /// The destination's YAML (one entry of `destinations:`, named `desk`) on the strict local server at `url`.
    let destination: @Sendable (_ url: String) -> String
    /// Lines `explain` must print for the form, given the server's URL.
    let explained: @Sendable (_ url: String) -> [String]

    static func rules(destination: String) -> String {
        """
        sources:
          website:
            kind: form
            format: generic
            verify: { scheme: hmac-sha256, header: X-Signature, encoding: hex, prefix: "sha256=", secrets: ["${WEBSITE_SECRET}"] }
            fields: { email: email, name: name, subject: subject, message: message }
          mail: { kind: email, format: postmark, verify: { scheme: none } }
        destinations:
          \(destination)
        defaults: { destination: desk, tags: [inbound] }
        rules:
          - name: forms-are-triaged-first
            when: { source: website }
            set: { staff_only: true, tags: [triage] }
          - name: follow-ups
            when: { source: mail }
            set: { reply_to: { field: subject, pattern: "\\\\[#([^\\\\]]+)\\\\]" } }
        """
    }

    static func form(_ subject: String) -> String {
        #"{"email":"jane@example.com","name":"Jane Doe","subject":"\#(subject)","message":"The printer is on fire."}"#
    }

    static func email(subject: String, text: String) -> String {
        let body: JSONValue = [
            "From": "jane@example.com", "FromFull": ["Email": "jane@example.com", "Name": "Jane Doe"], "Subject": .string(subject),
            "MessageID": "pm-follow-up", "TextBody": .string(text),
        ]
        return String(decoding: try! JSONEncoder().encode(body), as: UTF8.self)
    }

    func run(on fake: some HelpdeskFake) async throws {
        try await fake.serve { url in
            let gateway = try GatewayHarness(rules: Self.rules(destination: destination(url)), environment: TestRules.environment)
            try await gateway.run { client in
                let form = try #require(try await client.postHook(body: Self.form("Printer on fire")).eventID)
                #expect(try await gateway.finalDeliveries(of: form).map(\.status) == [.delivered])
                let ticket = try #require(fake.conversations.first)
                #expect(fake.conversations.count == 1)
                let formText = "The printer is on fire."
                #expect(
                    ticket.messages.last?.text.contains(formText) == true && ticket.messages.last?.staffOnly == true, "the form is an internal note")
                #expect(!ticket.messages.contains { !$0.staffOnly && $0.text.contains(formText) }, "the customer does not see the form's message")

                let reply = try await client.post(
                    "/hooks/mail", body: Self.email(subject: "Re: Printer on fire [#\(ticket.ticket)]", text: "It is still burning."),
                    contentType: "application/json")
                let followUp = try #require(reply.eventID)
                #expect(try await gateway.finalDeliveries(of: followUp).map(\.status) == [.delivered])
                #expect(fake.conversations.count == 1, "the follow-up makes no ticket of its own")
                let thread = try #require(fake.conversations.first)
                #expect(thread.messages.count == ticket.messages.count + 1)
                #expect(thread.messages.last?.text.contains("It is still burning.") == true)
                #expect(thread.messages.last?.staffOnly == false)

                fake.loseNextCreatedTicket()
                let second = try #require(try await client.postHook(body: Self.form("Scanner jammed")).eventID)
                let deliveries = try await gateway.finalDeliveries(of: second)
                #expect(deliveries.map(\.status) == [.delivered])
                #expect(deliveries.first?.attempts == 2, "the first attempt's answer was lost")
                #expect(fake.conversations.count == 2, "the retried create made no second ticket")
            }
            let file = try gateway.directory.write("form.json", Self.form("Printer on fire"))
            let (output, status) = try await TicketGateCommand.run(
                ["explain", "--rules", gateway.directory.file("rules"), "--source", "website", "--no-verify", file],
                environment: TestRules.environment)
            #expect(status == 0, "\(output)")
            for line in explained(url) {
                #expect(output.contains(line), "explain shows \(line):\n\(output)")
            }
        }
    }
}

/// The journey on each helpdesk.
@Suite struct HelpdeskJourneyTests {
    @Test func webhook() async throws {
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
        let journey = HelpdeskJourney(
            destination: { url in #"desk: { vendor: webhook, url: "\#(url)\#(FakeWebhook.path)", secret: "\#(secret)" }"# },
            explained: { url in
                [
                    "POST \(url)/hooks/…", "webhook-signature: <credential>", "Idempotency-Key: ", #""staffOnly" : true"#,
                    #""type" : "ticketgate.event.routed""#,
                ]
            })
        try await journey.run(on: FakeWebhook(secret: secret))
    }

    @Test func zendesk() async throws {
        let zendesk = FakeZendesk()
        let journey = HelpdeskJourney(
            destination: { url in #"desk: { vendor: zendesk, url: "\#(url)", email: "\#(zendesk.email)", token: "\#(zendesk.token)" }"# },
            explained: { url in
                [
                    "POST \(url)/api/v2/tickets", "Authorization: Basic <credential>", #""public" : false"#, #""email" : "jane@example.com""#,
                    #""tags" : ["#, #""external_id" : "ticketgate:"#,
                ]
            })
        try await journey.run(on: zendesk)
        #expect(zendesk.tickets.first?.tags == ["inbound", "triage"])
        #expect(zendesk.tickets.first.map { ticket in zendesk.users.first { $0.id == ticket.requesterID }?.email } == "jane@example.com")
        #expect(zendesk.tickets.first?.comments.last?.authorID == zendesk.tickets.first?.requesterID, "the follow-up is the customer's comment")
    }

    @Test func freshdesk() async throws {
        let freshdesk = FakeFreshdesk()
        let journey = HelpdeskJourney(
            destination: { url in #"desk: { vendor: freshdesk, url: "\#(url)", api_key: "\#(freshdesk.apiKey)" }"# },
            explained: { url in
                [
                    "POST \(url)/api/v2/tickets", "Authorization: Basic <credential>", #""email" : "jane@example.com""#,
                    "POST \(url)/api/v2/tickets/{id of the ticket created above}/notes", #""private" : true"#,
                ]
            })
        try await journey.run(on: freshdesk)
        let ticket = try #require(freshdesk.tickets.first)
        #expect(ticket.tags.prefix(2) == ["inbound", "triage"])
        #expect(ticket.notes.last?.userID == ticket.requesterID, "the follow-up is the customer's note")
        #expect(ticket.notes.last?.incoming == true)
    }

    @Test func zammad() async throws {
        let zammad = FakeZammad()
        let journey = HelpdeskJourney(
            destination: { url in #"desk: { vendor: zammad, url: "\#(url)", token: "\#(zammad.token)", group: Users }"# },
            explained: { url in
                [
                    "POST \(url)/api/v1/tickets", "Authorization: Token <credential>", #""customer_id" : "guess:jane@example.com""#,
                    #""internal" : true"#, #""type" : "note""#, #""group" : "Users""#,
                ]
            })
        try await journey.run(on: zammad)
        let ticket = try #require(zammad.tickets.first)
        #expect(ticket.tags.prefix(2) == ["inbound", "triage"])
        #expect(ticket.articles.last?.sender == "Customer")
        #expect(ticket.articles.last?.type == "web")
        #expect(zammad.users.first { $0.id == ticket.customerID }?.email == "jane@example.com")
    }
}
