import Foundation
import Testing
import TicketGateCore
import TicketGateVendors

/// The Zendesk client against the strict local Zendesk: a ticket with every setting a rule can make, files
/// uploaded and attached to the first comment, a create sent again answered from Zendesk's idempotency cache,
/// a follow-up as the customer's comment, a comment whose answer was lost found instead of made twice, and
/// Zendesk's own words when it refuses.
@Suite struct ZendeskClientTests {
    static func destination(_ url: String, zendesk: FakeZendesk) -> DestinationDefinition {
        DestinationDefinition(
            name: "zendesk", vendor: ZendeskVendor.profile, baseURL: url, credential: Secret(zendesk.token),
            settings: ["email": .text(zendesk.email)])
    }

    static let draft = TicketDraft(
        destination: "zendesk", requester: Party(email: "jane@example.com", name: "Jane Doe"), subject: "Printer on fire",
        message: "It is on fire.\nSince 9:00.\n\nSend <help>.", tags: ["urgent", "hardware"], assignee: 17, staffOnly: true, brand: 3,
        status: "open", vendorSettings: ["group": .integer(12), "priority": .text("urgent"), "type": .text("incident")])

    static func deliver(_ job: DeliveryJob, to url: String, _ zendesk: FakeZendesk, journal: TestJournal = TestJournal()) async throws
        -> DeliveryOutcome
    {
        try await ClientHarness.withClient(destination(url, zendesk: zendesk)) { await $0.deliver(job, journal: journal) }
    }

    @Test func aTicketCarriesEverySetting() async throws {
        let zendesk = FakeZendesk()
        try await zendesk.serve { url in
            let outcome = try await Self.deliver(ClientHarness.job(Self.draft), to: url, zendesk)
            let ticket = try #require(zendesk.tickets.first)
            #expect(outcome == .delivered(VendorRefs(ticketID: String(ticket.id))))
            #expect(ticket.subject == "Printer on fire")
            #expect(ticket.tags == ["urgent", "hardware"])
            #expect(ticket.assigneeID == 17)
            #expect(ticket.groupID == 12)
            #expect(ticket.brandID == 3)
            #expect(ticket.priority == "urgent")
            #expect(ticket.type == "incident")
            #expect(ticket.status == "open")
            #expect(ticket.externalID == "ticketgate:event-1:1")
            #expect(zendesk.users.first { $0.id == ticket.requesterID }?.email == "jane@example.com")
            let comment = try #require(ticket.comments.first)
            #expect(comment.isPublic == false)
            #expect(comment.htmlBody == "<p>It is on fire.<br>Since 9:00.</p><p>Send &lt;help&gt;.</p>")
            let create = try #require(zendesk.requests.first)
            #expect(create.headers[.init("Idempotency-Key")!]?.hasPrefix("ticketgate-event-1-1-") == true)
        }
    }

    /// Without `email`, the token is an OAuth access token, sent as a bearer token; with `email`, the API token
    /// goes as `{email}/token:{token}` (the other tests).
    @Test func withoutAnEmailTheTokenIsAnOAuthBearerToken() async throws {
        let zendesk = FakeZendesk()
        try await zendesk.serve { url in
            let destination = DestinationDefinition(
                name: "zendesk", vendor: ZendeskVendor.profile, baseURL: url, credential: Secret(zendesk.oauthToken))
            let outcome = try await ClientHarness.withClient(destination) { await $0.deliver(ClientHarness.job(Self.draft), journal: TestJournal()) }
            guard case .delivered = outcome else { throw HarnessError("expected delivered, got \(outcome)") }
            #expect(zendesk.requests.first?.headers[.authorization] == "Bearer \(zendesk.oauthToken)")
        }
    }

    /// A create whose answer never arrived, sent again with the same body (the attempt died before it could
    /// record the create as pending): Zendesk answers from its idempotency cache, and there is one ticket.
    @Test func aCreateSentTwiceIsOneTicket() async throws {
        let zendesk = FakeZendesk()
        try await zendesk.serve { url in
            let job = ClientHarness.job(Self.draft)
            let first = try await Self.deliver(job, to: url, zendesk)
            let second = try await Self.deliver(job, to: url, zendesk)
            #expect(first == second)
            #expect(zendesk.tickets.count == 1)
            #expect(zendesk.requests.filter { $0.method == "POST" }.count == 2)
        }
    }

    @Test func filesAreUploadedAndAttachedToTheFirstComment() async throws {
        let zendesk = FakeZendesk()
        try await zendesk.serve { url in
            let files = [
                Attachment(name: "photo.png", contentType: "image/png", data: [1, 2, 3]),
                Attachment(name: "odd.bin", contentType: "text/plain\r\nX-Evil: 1", data: [4]),
            ]
            _ = try await Self.deliver(ClientHarness.job(Self.draft, files: files), to: url, zendesk)
            let uploads = zendesk.requests.filter { $0.path == "/api/v2/uploads" }
            #expect(uploads.map { $0.query["filename"] } == ["photo.png", "odd.bin"])
            #expect(uploads.map(\.contentType) == ["image/png", "application/octet-stream"])
            #expect(zendesk.tickets.first?.comments.first?.uploads.count == 2)
        }
    }

    @Test func aFollowUpIsTheCustomersCommentOnTheTicket() async throws {
        let zendesk = FakeZendesk()
        try await zendesk.serve { url in
            _ = try await Self.deliver(ClientHarness.job(Self.draft), to: url, zendesk)
            let ticket = try #require(zendesk.tickets.first)
            var reply = Self.draft
            reply.message = "Still burning."
            reply.staffOnly = false
            reply.replyTo = String(ticket.id)
            let outcome = try await Self.deliver(ClientHarness.job(reply), to: url, zendesk)
            let comment = try #require(zendesk.tickets.first?.comments.last)
            #expect(
                outcome == .delivered(VendorRefs(clientID: String(ticket.requesterID), ticketID: String(ticket.id), messageID: String(comment.id))))
            #expect(comment.authorID == ticket.requesterID)
            #expect(comment.isPublic)
            #expect(zendesk.tickets.count == 1)
        }
    }

    /// From another address than the requester's, a follow-up is an internal note, never a public comment
    /// by the API's agent (which Zendesk would mail to the requester); a placeholder in the text stays text.
    @Test func aFollowUpFromAnotherAddressIsAnInternalNote() async throws {
        let zendesk = FakeZendesk()
        try await zendesk.serve { url in
            _ = try await Self.deliver(ClientHarness.job(Self.draft), to: url, zendesk)
            let ticket = try #require(zendesk.tickets.first)
            var reply = Self.draft
            reply.requester = Party(email: "mallory@example.net")
            reply.message = "Show me {{ticket.requester.email}}"
            reply.staffOnly = false
            reply.replyTo = String(ticket.id)
            _ = try await Self.deliver(ClientHarness.job(reply), to: url, zendesk)
            let comment = try #require(zendesk.tickets.first?.comments.last)
            #expect(comment.isPublic == false)
            #expect(comment.authorID == FakeZendesk.agentID)
            #expect(comment.htmlBody == #"<p>Show me \{{ticket.requester.email}}</p>"#)
        }
    }

    /// An attempt that finds its comment pending looks among the ticket's newest comments first.
    @Test func aCommentWhoseAnswerWasLostIsFoundNotMadeAgain() async throws {
        let zendesk = FakeZendesk()
        try await zendesk.serve { url in
            _ = try await Self.deliver(ClientHarness.job(Self.draft), to: url, zendesk)
            let ticket = try #require(zendesk.tickets.first)
            var reply = Self.draft
            reply.message = "Still   burning.\n"
            reply.replyTo = String(ticket.id)
            _ = try await Self.deliver(ClientHarness.job(reply), to: url, zendesk)
            let pending = VendorRefs(ticketID: String(ticket.id), pending: PendingCreate(.message, since: Date()))
            let outcome = try await Self.deliver(ClientHarness.job(reply, refs: pending), to: url, zendesk)
            let comments = try #require(zendesk.tickets.first?.comments)
            #expect(comments.count == 2)
            guard case .delivered(let refs) = outcome else { throw HarnessError("expected delivered, got \(outcome)") }
            #expect(refs.messageID == String(comments[1].id))
        }
    }

    @Test func aRefusalKeepsZendesksWords() async throws {
        let zendesk = FakeZendesk()
        try await zendesk.serve { url in
            var draft = Self.draft
            draft.requester = Party(email: "not-an-address@", name: "Jane")
            let outcome = try await Self.deliver(ClientHarness.job(draft), to: url, zendesk)
            guard case .permanent(let failure) = outcome else { throw HarnessError("expected a permanent failure, got \(outcome)") }
            #expect(failure.reason == .rejected)
            #expect(
                failure.detail.contains("RecordInvalid; Record validation errors; requester: Requester: Email is not properly formatted"),
                "\(failure.detail)")
        }
    }
}
