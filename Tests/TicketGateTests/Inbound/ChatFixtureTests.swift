import Foundation
import Testing
import TicketGateCore

/// Every chat format: its fixture, signed as its provider signs, through `POST /hooks/{source}`.
@Suite struct ChatFixtureTests {
    @Test func genericTranscript() async throws {
        let body = try Fixtures.text("chat/generic.json")
        let secret = try #require(Fixtures.environment["CHAT_SECRET"])
        let event = try await FixtureGateway.receive(
            "chat-generic", body: body, contentType: "application/json",
            headers: Signers.standardWebhooks(body: body, secret: secret, id: "msg_fixture_1", at: Date())
        )
        #expect(event.providerEventID == "evt_7c1f0a")
        #expect(event.sender == Party(email: "jane.doe@example.com", name: "Jane Doe"))
        #expect(event.subject == "Order 1042 is late")
        #expect(event.text == "Where is my order 1042?\nI need it today. Can a person help?")
        #expect(event.thread == ThreadKeys(conversationID: "conv-2931"))
        let transcript = try #require(event.transcript)
        #expect(transcript.turns.map(\.role) == [.customer, .bot, .customer])
        #expect(transcript.turns.map(\.name) == ["Jane Doe", "Helper", "Jane Doe"])
        #expect(transcript.turns[1].at == Date(timeIntervalSince1970: 1_795_255_260))
        #expect(transcript.turns[2].html == "<p>I need it <b>today</b>. Can a person help?</p>")
        #expect(
            transcript.renderedText == """
                [2026-11-21 10:00 UTC] Jane Doe (customer): Where is my order 1042?
                [2026-11-21 10:01 UTC] Helper (bot): It left the warehouse yesterday.
                [2026-11-21 10:02 UTC] Jane Doe (customer): I need it today. Can a person help?
                """
        )
        #expect(transcript.renderedHTML.hasPrefix(#"<div class="transcript"><p class="turn customer"><strong>Jane Doe</strong>"#))
        #expect(event.attachments.isEmpty)
    }

    @Test func intercom() async throws {
        let body = try Fixtures.text("chat/intercom.json")
        let signature = "sha1=" + Signers.hex(Signers.hmac(.sha1, secret: "intercom-secret", body))
        let event = try await FixtureGateway.receive("intercom", body: body, contentType: "application/json", headers: ["X-Hub-Signature": signature])
        #expect(event.providerEventID == "notif_0a1b2c3d-4e5f-6789-abcd-ef0123456789")
        #expect(event.sender == Party(email: "priya@example.in", name: "Priya Nair"))
        #expect(event.subject == nil)
        #expect(event.text == "Hi, I can't log in since the update.\nSafari 18. Screenshot attached.")
        #expect(event.thread == ThreadKeys(conversationID: "147"))
        let transcript = try #require(event.transcript)
        #expect(transcript.turns.map(\.role) == [.customer, .agent, .customer])
        #expect(transcript.turns.map(\.name) == ["Priya Nair", "Tom Berg", "Priya Nair"])
        #expect(transcript.turns[1].text == "Which browser are you using?")
        #expect(
            event.attachments == [
                Attachment(
                    name: "login-error.png", contentType: "image/png", size: 48_213, url: "https://downloads.intercomcdn.com/i/o/login-error.png")
            ]
        )
    }

    @Test func intercomPingIsAcknowledgedAndNotStored() async throws {
        let gateway = try GatewayHarness(rules: try Fixtures.sources, environment: Fixtures.environment)
        let body = #"{"type":"notification_event","topic":"ping","id":"notif_ping","data":{"item":{"type":"ping","message":"something"}}}"#
        let signature = "sha1=" + Signers.hex(Signers.hmac(.sha1, secret: "intercom-secret", body))
        try await gateway.run { client in
            let response = try await client.post(
                "/hooks/intercom", body: body, contentType: "application/json", headers: ["X-Hub-Signature": signature])
            #expect(response.status == .ok)
            #expect(response.json?["status"] == "ignored")
        }
        #expect(try await gateway.store.counts().events == 0)
    }

    @Test func crisp() async throws {
        let body = try Fixtures.text("chat/crisp.json")
        let timestamp = Signers.unixSeconds(Date())
        let signature = Signers.hex(Signers.hmac(.sha256, secret: "crisp-secret", "[\(timestamp);\(body)]"))
        let event = try await FixtureGateway.receive(
            "crisp", body: body, contentType: "application/json", headers: ["X-Crisp-Signature": signature, "X-Crisp-Request-Timestamp": timestamp]
        )
        #expect(event.providerEventID == "163239623329114")
        #expect(event.sender == Party(name: "Lucas Martin"))
        #expect(event.text == "Is there a student discount?")
        #expect(event.thread == ThreadKeys(conversationID: "session_700c65e1-85e2-465a-b9ac-ecb5ec2c9881"))
        #expect(
            event.transcript?.turns == [
                ChatTurn(role: .customer, name: "Lucas Martin", at: Date(timeIntervalSince1970: 1_795_260_000), text: "Is there a student discount?")
            ])
        #expect(event.attachments.isEmpty)
    }

    @Test func tawktoTranscript() async throws {
        let body = try Fixtures.text("chat/tawkto.json")
        let signature = Signers.hex(Signers.hmac(.sha1, secret: "tawkto-secret", body))
        let event = try await FixtureGateway.receive(
            "tawkto", body: body, contentType: "application/json", headers: ["X-Tawk-Signature": signature, "X-Hook-Event-Id": "hook-evt-3391"]
        )
        #expect(event.providerEventID == "hook-evt-3391")
        #expect(event.sender == Party(email: "chen.wei@example.cn", name: "Chen Wei"))
        #expect(event.recipient == "Acme Support")
        #expect(event.text == "My parcel shows delivered but I have nothing.\nTRK-55120-CN")
        #expect(event.thread == ThreadKeys(conversationID: "a1b2c3d4-e5f6-4711-8899-aabbccddeeff"))
        #expect(event.transcript?.turns.map(\.role) == [.customer, .agent, .customer])
        #expect(event.transcript?.participants.map(\.name) == ["Chen Wei", "Sara Lopez"])
        #expect(event.attachments.isEmpty)
    }

    @Test func sunshineConversations() async throws {
        let body = try Fixtures.text("chat/sunshine.json")
        let event = try await FixtureGateway.receive(
            "sunshine", body: body, contentType: "application/json", headers: ["X-API-Key": "sunshine-secret"])
        #expect(event.providerEventID == "5f74a0d52b5315fc007e798a")
        #expect(event.sender == Party(email: "fatima@example.ma", name: "Fatima Zahra"))
        #expect(event.text == "I'd like to change my delivery address.")
        #expect(event.thread == ThreadKeys(conversationID: "c3a1f0e2b9d84a7f8e6c5b4a"))
        #expect(event.transcript?.turns.map(\.role) == [.customer])
        #expect(event.attachments.isEmpty)
    }
}
