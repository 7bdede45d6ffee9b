import Foundation
import Testing
import TicketGateCore
import TicketGateInbound

@testable import TicketGateVendors

/// The webhook client against a receiver that verifies as the Standard Webhooks specification says: every
/// message signed with each secret (so a rotation goes unnoticed), the event and the decision in the default
/// body, a rule's template body as it rendered, and one message per delivery however often it is sent.
@Suite struct WebhookClientTests {
    static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    static let otherSecret = "whsec_" + Data((1...32).map { UInt8($0) }).base64EncodedString()

    static func destination(_ url: String, secrets: String = secret) -> DestinationDefinition {
        DestinationDefinition(name: "hook", vendor: WebhookVendor.profile, baseURL: url + FakeWebhook.path, credential: Secret(secrets))
    }

    static let draft = TicketDraft(
        destination: "hook", requester: Party(email: "jane@example.com", name: "Jane Doe"), subject: "Printer on fire",
        message: "It is on fire.", tags: ["urgent"], assignee: 17, staffOnly: true)

    /// The specification's own vector (every Standard Webhooks library's `sign` test).
    @Test func theSignatureIsTheSpecificationsVector() throws {
        let signer = try #require(WebhookSigner(secrets: Self.secret))
        let signature = signer.signature(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: Data(#"{"test": 2432232314}"#.utf8))
        #expect(signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
        #expect(WebhookSigner(secrets: "whsec_%%%") == nil)
        #expect(WebhookSigner(secrets: "\(Self.secret) not-base64!") == nil)
        #expect(
            WebhookSigner(secrets: "\(Self.secret) \(Self.otherSecret)")?.signature(id: "a", timestamp: 1, body: Data()).split(separator: " ").count
                == 2)
    }

    /// The webhook's signer and `ticketgate send`'s (the inbound side's `RequestSigner`, which reads the
    /// verifier's own description of the scheme) write the same signature for generated secrets, ids, times and
    /// bodies.
    @Test func theSignatureIsTheOneTheInboundSignerWrites() throws {
        let seed = try TestSeed.next()
        var random = SeededRandom(seed: seed)
        for _ in 0..<500 {
            let key = (0..<Int.random(in: 24...64, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            let secret = "whsec_" + Data(key).base64EncodedString()
            let id = "msg_" + String((0..<Int.random(in: 1...30, using: &random)).map { _ in "abcdefXYZ0123456789_-".randomElement(using: &random)! })
            let timestamp = Int.random(in: 1_000_000_000...2_000_000_000, using: &random)
            let body = Data((0..<Int.random(in: 0...300, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) })
            let signer = try #require(WebhookSigner(secrets: secret))
            let inbound = try RequestSigner.sign(
                body, contentType: "application/json", for: VerificationSettings(scheme: .standardWebhooks, secrets: [Secret(secret)]),
                now: Date(timeIntervalSince1970: TimeInterval(timestamp)), id: id)
            let expected = inbound.headers.first { $0.name.lowercased() == "webhook-signature" }?.value
            #expect(signer.signature(id: id, timestamp: timestamp, body: body) == expected, "\(seed): secret \(secret), id \(id), at \(timestamp)")
        }
    }

    @Test func theMessageCarriesTheEventAndTheDecision() async throws {
        let webhook = FakeWebhook()
        try await webhook.serve { url in
            var job = ClientHarness.job(Self.draft)
            job.event = InboundEvent(
                id: job.eventID, source: "website", kind: .form, format: "generic", receivedAt: Date(timeIntervalSince1970: 1_800_000_000),
                sender: Party(email: "jane@example.com", name: "Jane Doe"), subject: "Printer on fire", text: "It is on fire.")
            let journal = TestJournal()
            let outcome = try await ClientHarness.withClient(Self.destination(url)) { [job] in await $0.deliver(job, journal: journal) }
            let message = try #require(webhook.messages.first)
            // The path past its first segment is where receivers put secrets: audit records leave it out.
            #expect(journal.records.first?.summary.hasPrefix("POST /hooks/… → 200") == true, "\(journal.records.map(\.summary))")
            #expect(outcome == .delivered(VendorRefs(ticketID: message.id, messageID: message.id)))
            #expect(message.id == "event-1-1")
            #expect(message.body["type"] == "ticketgate.event.routed")
            #expect(message.body["timestamp"] == "2027-01-15T08:00:00Z")
            #expect(message.body["data", "event_id"] == "event-1")
            #expect(message.body["data", "destination"] == "hook")
            #expect(message.body["data", "conversation"] == nil)
            #expect(message.body["data", "event", "sender", "email"] == "jane@example.com")
            #expect(message.body["data", "decision", "staffOnly"] == true)
            #expect(message.body["data", "decision", "assignee"] == 17)
            #expect(message.body["data", "decision", "tags"] == ["urgent"])
        }
    }

    @Test func aRotationSignsWithBothSecrets() async throws {
        let webhook = FakeWebhook(secret: Self.otherSecret)
        try await webhook.serve { url in
            let outcome = try await ClientHarness.withClient(Self.destination(url, secrets: "\(Self.secret) \(Self.otherSecret)")) {
                await $0.deliver(ClientHarness.job(Self.draft), journal: TestJournal())
            }
            guard case .delivered = outcome else { throw HarnessError("expected delivered, got \(outcome)") }
            let signatures = try #require(webhook.requests.first?.headers[.init("webhook-signature")!])
            #expect(signatures.split(separator: " ").count == 2)
        }
    }

    @Test func aWrongSecretPausesTheDestination() async throws {
        let webhook = FakeWebhook(secret: Self.otherSecret)
        try await webhook.serve { url in
            let outcome = try await ClientHarness.withClient(Self.destination(url)) {
                await $0.deliver(ClientHarness.job(Self.draft), journal: TestJournal())
            }
            guard case .credentialRefused = outcome else { throw HarnessError("expected the credential refused, got \(outcome)") }
            #expect(webhook.messages.isEmpty)
        }
    }

    /// An attempt whose answer was lost is sent again with the same id: the receiver keeps one message.
    @Test func aRepeatedDeliveryIsOneMessage() async throws {
        let webhook = FakeWebhook()
        try await webhook.serve { url in
            webhook.loseAnswers(1)
            let job = ClientHarness.job(Self.draft)
            let outcomes = try await ClientHarness.withClient(Self.destination(url)) { client in
                [await client.deliver(job, journal: TestJournal()), await client.deliver(job, journal: TestJournal())]
            }
            guard case .retryable = outcomes[0], case .delivered = outcomes[1] else { throw HarnessError("\(outcomes)") }
            #expect(webhook.requests.count == 2)
            #expect(webhook.messages.count == 1)
        }
    }

    @Test func aTemplateBodyIsSentAsItRendered() async throws {
        let webhook = FakeWebhook()
        try await webhook.serve { url in
            var draft = Self.draft
            draft.vendorSettings = ["body": .text(#"{"title": "Printer \"on\" fire", "n": 1}"#)]
            _ = try await ClientHarness.withClient(Self.destination(url)) { [draft] in
                await $0.deliver(ClientHarness.job(draft), journal: TestJournal())
            }
            #expect(webhook.messages.first?.body == ["title": "Printer \"on\" fire", "n": 1])
        }
    }

    @Test func aTemplateThatRendersNoJSONFailsBeforeAnyRequest() async throws {
        let webhook = FakeWebhook()
        try await webhook.serve { url in
            var draft = Self.draft
            draft.vendorSettings = ["body": .text(#"{"title": "#)]
            let outcome = try await ClientHarness.withClient(Self.destination(url)) { [draft] in
                await $0.deliver(ClientHarness.job(draft), journal: TestJournal())
            }
            guard case .permanent(let failure) = outcome else { throw HarnessError("expected a permanent failure, got \(outcome)") }
            #expect(failure.reason == .invalidRequest)
            #expect(webhook.requests.isEmpty)
        }
    }
}
