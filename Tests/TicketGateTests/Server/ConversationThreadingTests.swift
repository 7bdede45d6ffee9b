import Foundation
import Testing
import TicketGateCore

/// Follow-ups land on the ticket they belong to: an email reply (by `In-Reply-To`) and a chat's later message
/// (by conversation id) become messages on the first event's ticket, even when they arrive before that
/// ticket exists; a ticket a rule named is remembered for the conversation; and a vendor that returns no
/// ticket id (Omnidesk) says so in the audit.
@Suite struct ConversationThreadingTests {
    static func rules(destination: String, extra: String = "") -> String {
        """
        sources:
          mail: { kind: email, format: postmark, verify: { scheme: none } }
          chat: { kind: chat, format: generic, verify: { scheme: none } }
        destinations:
        \(destination)
        defaults: { destination: desk\(extra) }
        rules:
          - { name: everything, set: { tags: [inbound] } }
        """
    }

    static func email(id: String, messageID: String, inReplyTo: String? = nil, subject: String, text: String) -> String {
        var headers: [JSONValue] = [["Name": "Message-ID", "Value": .string("<\(messageID)>")]]
        if let inReplyTo {
            headers.append(["Name": "In-Reply-To", "Value": .string("<\(inReplyTo)>")])
        }
        let body: JSONValue = [
            "From": "emma@example.co.uk", "FromFull": ["Email": "emma@example.co.uk", "Name": "Emma Wilson"], "Subject": .string(subject),
            "MessageID": .string(id), "TextBody": .string(text), "Headers": .array(headers),
        ]
        return String(decoding: try! JSONEncoder().encode(body), as: UTF8.self)
    }

    static func chat(id: String, conversation: String, text: String) -> String {
        """
        {"id": "\(id)", "conversation_id": "\(conversation)", "subject": "Order help",
         "participants": [{"id": "u1", "role": "customer", "name": "Jane", "email": "jane@example.com"}],
         "turns": [{"participant": "u1", "time": "2026-11-21T10:00:00Z", "text": "\(text)"}]}
        """
    }

    @Test func anEmailReplyIsAMessageOnTheFirstTicketEvenWhenItArrivesFirst() async throws {
        let spp = FakeSPP()
        spp.hold()
        try await spp.serve { url in
            let gateway = try GatewayHarness(
                rules: Self.rules(destination: "  desk: { vendor: spp, url: \"\(url)\", token: \"\(spp.token)\" }"))
            try await gateway.run { client in
                let first = try #require(
                    try await client.post(
                        "/hooks/mail",
                        body: Self.email(id: "pm-1", messageID: "a1@mail.example", subject: "Delivery window", text: "Mornings work best."),
                        contentType: "application/json"
                    ).eventID)
                // The first delivery is under way, held at its first request; the reply arrives now.
                _ = try await spp.arrivals.first { $0.path == "/api/clients" }
                let reply = try #require(
                    try await client.post(
                        "/hooks/mail",
                        body: Self.email(
                            id: "pm-2", messageID: "a2@mail.example", inReplyTo: "a1@mail.example", subject: "Re: Delivery window", text: "Or Friday."
                        ),
                        contentType: "application/json"
                    ).eventID)
                spp.release()
                #expect(try await gateway.finalDeliveries(of: first).map(\.status) == [.delivered])
                let replyDelivery = try #require(try await gateway.finalDeliveries(of: reply).first)
                #expect(replyDelivery.status == .delivered)

                let ticket = try #require(spp.tickets.first)
                #expect(spp.tickets.count == 1)
                #expect(spp.messages.map(\.ticketID) == [ticket.id, ticket.id])
                #expect(spp.messages.map(\.message) == ["Mornings work best.", "Or Friday."])
                #expect(replyDelivery.refs.ticketID == String(ticket.id))
                let threaded = try #require(try await gateway.report(reply).audit.first { $0.record.stage == .threaded })
                #expect(threaded.record.summary == "continues the conversation event \(first) opened: the message goes to ticket \(ticket.id)")
            }
        }
    }

    @Test func aChatsLaterMessageIsAMessageOnItsTicket() async throws {
        let spp = FakeSPP()
        try await spp.serve { url in
            let gateway = try GatewayHarness(
                rules: Self.rules(destination: "  desk: { vendor: spp, url: \"\(url)\", token: \"\(spp.token)\" }"))
            try await gateway.run { client in
                let first = try #require(
                    try await client.post(
                        "/hooks/chat", body: Self.chat(id: "c1", conversation: "conv-9", text: "Where is my order?"), contentType: "application/json"
                    )
                    .eventID)
                _ = try await gateway.finalDeliveries(of: first)
                let later = try #require(
                    try await client.post(
                        "/hooks/chat", body: Self.chat(id: "c2", conversation: "conv-9", text: "Any news?"), contentType: "application/json"
                    )
                    .eventID)
                _ = try await gateway.finalDeliveries(of: later)
                let other = try #require(
                    try await client.post(
                        "/hooks/chat", body: Self.chat(id: "c3", conversation: "conv-10", text: "New question"), contentType: "application/json"
                    )
                    .eventID)
                _ = try await gateway.finalDeliveries(of: other)
            }
            #expect(spp.tickets.count == 2)
            let first = try #require(spp.tickets.first)
            #expect(spp.messages.filter { $0.ticketID == first.id }.count == 2)
            #expect(spp.messages.last?.ticketID != first.id)
        }
    }

    @Test func aTicketARuleNamedCarriesTheRestOfTheConversation() async throws {
        let initdesk = FakeInitdesk()
        try await initdesk.serve { url in
            let destination = "  desk: { vendor: initdesk, url: \"\(url)\", token: \"\(initdesk.token)\", organization: 42 }"
            let extra = #", reply_to: { field: subject, pattern: "\\[#(\\d+)\\]" }"#
            let gateway = try GatewayHarness(rules: Self.rules(destination: destination, extra: extra))
            try await gateway.run { client in
                let named = try #require(
                    try await client.post(
                        "/hooks/mail", body: Self.email(id: "pm-1", messageID: "n1@mail.example", subject: "[#7001] Printer", text: "It jams."),
                        contentType: "application/json"
                    ).eventID)
                _ = try await gateway.finalDeliveries(of: named)
                let reply = try #require(
                    try await client.post(
                        "/hooks/mail",
                        body: Self.email(
                            id: "pm-2", messageID: "n2@mail.example", inReplyTo: "n1@mail.example", subject: "Re: Printer", text: "Still jams."),
                        contentType: "application/json"
                    ).eventID)
                #expect(try await gateway.finalDeliveries(of: reply).map(\.status) == [.delivered])
            }
            #expect(initdesk.messages.map(\.ticketID) == [7001, 7001])
            #expect(initdesk.messages.map(\.content) == ["It jams.", "Still jams."])
        }
    }

    @Test func withoutATicketIdFromTheVendorTheAuditSaysWhyAFollowUpOpensANewTicket() async throws {
        let omnidesk = FakeOmnidesk()
        try await omnidesk.serve { url in
            let destination = "  desk: { vendor: omnidesk, url: \"\(url)\", api_key: \"\(omnidesk.apiKey)\", brand: 1 }"
            let gateway = try GatewayHarness(
                rules: Self.rules(destination: destination).replacingOccurrences(of: "tags: [inbound]", with: "brand: 1"))
            try await gateway.run { client in
                let first = try #require(
                    try await client.post(
                        "/hooks/chat", body: Self.chat(id: "c1", conversation: "conv-1", text: "Hello there"), contentType: "application/json"
                    )
                    .eventID)
                _ = try await gateway.finalDeliveries(of: first)
                let later = try #require(
                    try await client.post(
                        "/hooks/chat", body: Self.chat(id: "c2", conversation: "conv-1", text: "Hello again"), contentType: "application/json"
                    )
                    .eventID)
                _ = try await gateway.finalDeliveries(of: later)
                let firstAudit = try await gateway.report(first).audit.map(\.record)
                #expect(firstAudit.contains { $0.stage == .threaded && $0.summary.contains("returns no ticket id") })
                let laterAudit = try await gateway.report(later).audit.map(\.record)
                #expect(
                    laterAudit.contains {
                        $0.stage == .threaded && $0.summary.contains("that delivery returned no ticket id, so this event opens a new ticket")
                    })
            }
            #expect(omnidesk.tickets.count == 2)
        }
    }
}
