import Foundation
import Testing
import TicketGateCore
import TicketGateVendors

/// The Zammad client against the strict local Zammad: a ticket in the group the rules or the destination name,
/// with every setting a rule can make and the message as its first article (an internal note when staff only),
/// files as the article's attachments, an uncertain create found by its marker tag and an uncertain article
/// found among the ticket's articles instead of made twice, and Zammad's own words when it refuses.
@Suite struct ZammadClientTests {
    static func destination(_ url: String, _ zammad: FakeZammad, group: String = "Users") -> DestinationDefinition {
        DestinationDefinition(
            name: "zammad", vendor: ZammadVendor.profile, baseURL: url, credential: Secret(zammad.token), settings: ["group": .text(group)])
    }

    static let draft = TicketDraft(
        destination: "zammad", requester: Party(email: "jane@example.com", name: "Jane Doe"), subject: "Printer on fire",
        message: "It is on fire.\n\nSend <help>.", tags: ["urgent"], assignee: 17, staffOnly: true, note: "VIP", status: "open",
        vendorSettings: ["group": .text("Sales"), "priority": .text("3 high")])

    static func deliver(_ job: DeliveryJob, to url: String, _ zammad: FakeZammad, journal: TestJournal = TestJournal()) async throws
        -> DeliveryOutcome
    {
        try await ClientHarness.withClient(destination(url, zammad)) { await $0.deliver(job, journal: journal) }
    }

    @Test func aTicketCarriesEverySetting() async throws {
        let zammad = FakeZammad()
        try await zammad.serve { url in
            let files = [Attachment(name: "photo.png", contentType: "image/png", data: [1, 2, 3])]
            let outcome = try await Self.deliver(ClientHarness.job(Self.draft, files: files), to: url, zammad)
            let ticket = try #require(zammad.tickets.first)
            #expect(outcome == .delivered(VendorRefs(ticketID: String(ticket.id))))
            #expect(
                (ticket.title, ticket.group, ticket.state, ticket.priority, ticket.ownerID, ticket.note) == (
                    "Printer on fire", "Sales", "open", "3 high", 17, "VIP"
                ))
            #expect(ticket.tags.first == "urgent")
            #expect(ticket.tags.last?.wholeMatch(of: /ticketgate-[0-9a-f]{16}/) != nil)
            #expect(zammad.users.first { $0.id == ticket.customerID }?.email == "jane@example.com")
            let article = try #require(ticket.articles.first)
            #expect((article.type, article.isInternal, article.sender) == ("note", true, "Customer"))
            #expect(article.body == "<p>It is on fire.</p><p>Send &lt;help&gt;.</p>")
            #expect(article.files == ["photo.png"])
        }
    }

    @Test func theDestinationsGroupIsTheDefault() async throws {
        let zammad = FakeZammad()
        try await zammad.serve { url in
            var draft = Self.draft
            draft.vendorSettings = nil
            _ = try await Self.deliver(ClientHarness.job(draft), to: url, zammad)
            #expect(zammad.tickets.first?.group == "Users")
        }
    }

    @Test func anUncertainCreateIsFoundByItsMarker() async throws {
        let zammad = FakeZammad()
        try await zammad.serve { url in
            zammad.loseNextCreatedTicket()
            let job = ClientHarness.job(Self.draft)
            let journal = TestJournal()
            guard case .retryable = try await Self.deliver(job, to: url, zammad, journal: journal) else { throw HarnessError("expected a retry") }
            var retry = job
            retry.refs = try #require(journal.checkpoints.last)
            let second = try await Self.deliver(retry, to: url, zammad)
            #expect(zammad.tickets.count == 1)
            #expect(second == .delivered(VendorRefs(ticketID: zammad.tickets.first.map { String($0.id) })))
        }
    }

    @Test func aFollowUpIsAnArticleAndAnUncertainOneIsFound() async throws {
        let zammad = FakeZammad()
        try await zammad.serve { url in
            _ = try await Self.deliver(ClientHarness.job(Self.draft), to: url, zammad)
            let ticket = try #require(zammad.tickets.first)
            var reply = Self.draft
            reply.message = "Still burning."
            reply.staffOnly = false
            reply.replyTo = String(ticket.id)
            _ = try await Self.deliver(ClientHarness.job(reply), to: url, zammad)
            let pending = VendorRefs(ticketID: String(ticket.id), pending: PendingCreate(.message, since: Date()))
            let outcome = try await Self.deliver(ClientHarness.job(reply, refs: pending), to: url, zammad)
            let articles = try #require(zammad.tickets.first?.articles)
            #expect(articles.count == 2)
            #expect((articles[1].type, articles[1].isInternal, articles[1].sender) == ("web", false, "Customer"))
            #expect(outcome == .delivered(VendorRefs(ticketID: String(ticket.id), messageID: String(articles[1].id))))
        }
    }

    /// A search that answers a ticket without the delivery's marker (an instance that read the condition
    /// loosely) is not taken for the ticket: its tags are read first.
    @Test func aLooseSearchAnswerIsNotTakenForTheTicket() async throws {
        let zammad = FakeZammad()
        try await zammad.serve { url in
            var other = Self.draft
            other.subject = "Someone else's ticket"
            _ = try await Self.deliver(DeliveryJob(id: 9, eventID: EventID(rawValue: "other"), draft: other, attempt: 1), to: url, zammad)
            let unrelated = try #require(zammad.tickets.first)
            zammad.script("POST", "/api/v1/tickets/search", .init(status: 200, body: #"[{"id": \#(unrelated.id)}]"#))
            let pending = VendorRefs(pending: PendingCreate(.ticket, since: Date()))
            let outcome = try await Self.deliver(ClientHarness.job(Self.draft, refs: pending), to: url, zammad)
            #expect(zammad.tickets.count == 2)
            #expect(outcome == .delivered(VendorRefs(ticketID: zammad.tickets.last.map { String($0.id) })))
        }
    }

    @Test func aLongSubjectIsCutToZammadsTitleLimit() async throws {
        let zammad = FakeZammad()
        try await zammad.serve { url in
            var draft = Self.draft
            draft.subject = String(repeating: "é", count: 300)
            draft.note = String(repeating: "n", count: 400)
            guard case .delivered = try await Self.deliver(ClientHarness.job(draft), to: url, zammad) else {
                throw HarnessError("expected delivered")
            }
            let ticket = try #require(zammad.tickets.first)
            #expect(ticket.title == String(repeating: "é", count: 199) + "…")
            #expect(ticket.note?.count == 250)
        }
    }

    @Test func aRefusalKeepsZammadsWords() async throws {
        let zammad = FakeZammad()
        try await zammad.serve { url in
            var draft = Self.draft
            draft.vendorSettings = ["group": .text("Nobody")]
            guard case .permanent(let failure) = try await Self.deliver(ClientHarness.job(draft), to: url, zammad) else {
                throw HarnessError("expected a permanent failure")
            }
            #expect(failure.reason == .rejected)
            #expect(failure.detail.contains(#"No lookup value found for 'group': "Nobody""#), "\(failure.detail)")
        }
    }
}
