import Foundation
import Testing
import TicketGateCore
import TicketGateVendors

/// The Freshdesk client against the strict local Freshdesk: a ticket with every setting a rule can make, a
/// staff-only message as a private note beside the ticket, files as attachments, an uncertain create found by
/// its marker tag and an uncertain note found among the conversations instead of made twice, and Freshdesk's
/// own words when it refuses.
@Suite struct FreshdeskClientTests {
    static func destination(_ url: String, _ freshdesk: FakeFreshdesk) -> DestinationDefinition {
        DestinationDefinition(name: "freshdesk", vendor: FreshdeskVendor.profile, baseURL: url, credential: Secret(freshdesk.apiKey))
    }

    static let draft = TicketDraft(
        destination: "freshdesk", requester: Party(email: "jane@example.com", name: "Jane Doe"), subject: "Printer on fire",
        message: "It is on fire.\n\nSend <help>.", tags: ["urgent"], assignee: 17, status: "3",
        vendorSettings: ["group": .integer(12), "priority": .text("high"), "type": .text("Incident")])

    static func deliver(_ job: DeliveryJob, to url: String, _ freshdesk: FakeFreshdesk) async throws -> DeliveryOutcome {
        try await ClientHarness.withClient(destination(url, freshdesk)) { await $0.deliver(job, journal: TestJournal()) }
    }

    @Test func aTicketCarriesEverySetting() async throws {
        let freshdesk = FakeFreshdesk()
        try await freshdesk.serve { url in
            let job = ClientHarness.job(Self.draft)
            let outcome = try await Self.deliver(job, to: url, freshdesk)
            let ticket = try #require(freshdesk.tickets.first)
            #expect(outcome == .delivered(VendorRefs(clientID: String(ticket.requesterID), ticketID: String(ticket.id))))
            #expect(ticket.subject == "Printer on fire")
            #expect(ticket.description == "<p>It is on fire.</p><p>Send &lt;help&gt;.</p>")
            #expect((ticket.status, ticket.priority, ticket.type, ticket.groupID, ticket.responderID) == (3, 3, "Incident", 12, 17))
            #expect(ticket.tags.first == "urgent")
            #expect(ticket.tags.last?.wholeMatch(of: /ticketgate-[0-9a-f]{16}/) != nil)
            #expect(freshdesk.contacts.first { $0.id == ticket.requesterID }?.email == "jane@example.com")
            #expect(ticket.notes.isEmpty)
        }
    }

    @Test func aStaffOnlyMessageIsAPrivateNoteBesideTheTicket() async throws {
        let freshdesk = FakeFreshdesk()
        try await freshdesk.serve { url in
            var draft = Self.draft
            draft.staffOnly = true
            let files = [Attachment(name: "photo.png", contentType: "image/png", data: [1, 2, 3])]
            let outcome = try await Self.deliver(ClientHarness.job(draft, files: files), to: url, freshdesk)
            let ticket = try #require(freshdesk.tickets.first)
            let note = try #require(ticket.notes.first)
            #expect(outcome == .delivered(VendorRefs(clientID: String(ticket.requesterID), ticketID: String(ticket.id), messageID: String(note.id))))
            #expect(ticket.description == "<p>Printer on fire</p>")
            #expect(note.isPrivate)
            #expect(note.userID == nil && note.incoming == false, "a private note is the agent's")
            #expect(note.bodyText.contains("It is on fire."))
            #expect(note.files == ["photo.png"])
            #expect(ticket.files.isEmpty)
        }
    }

    @Test func filesGoWithTheTicketAsAttachments() async throws {
        let freshdesk = FakeFreshdesk()
        try await freshdesk.serve { url in
            let files = [
                Attachment(name: "photo.png", contentType: "image/png", data: [1, 2, 3]),
                Attachment(name: "a.txt", contentType: "text/plain", data: [65]),
            ]
            _ = try await Self.deliver(ClientHarness.job(Self.draft, files: files), to: url, freshdesk)
            let ticket = try #require(freshdesk.tickets.first)
            #expect(ticket.files == ["photo.png", "a.txt"])
            #expect((ticket.status, ticket.priority, ticket.groupID) == (3, 3, 12), "numbers sent as form fields")
            #expect(ticket.tags.first == "urgent")
        }
    }

    /// An attempt that finds its create pending looks for the delivery's marker among the requester's tickets.
    @Test func anUncertainCreateIsFoundByItsMarker() async throws {
        let freshdesk = FakeFreshdesk()
        try await freshdesk.serve { url in
            freshdesk.loseNextCreatedTicket()
            let job = ClientHarness.job(Self.draft)
            let journal = TestJournal()
            let first = try await ClientHarness.withClient(Self.destination(url, freshdesk)) { await $0.deliver(job, journal: journal) }
            guard case .retryable = first else { throw HarnessError("expected a retry, got \(first)") }
            var retry = job
            retry.refs = try #require(journal.checkpoints.last)
            #expect(retry.refs.pending?.resource == .ticket)
            let second = try await Self.deliver(retry, to: url, freshdesk)
            #expect(freshdesk.tickets.count == 1)
            #expect(second == .delivered(VendorRefs(ticketID: freshdesk.tickets.first.map { String($0.id) })))
        }
    }

    @Test func anUncertainNoteIsFoundNotMadeAgain() async throws {
        let freshdesk = FakeFreshdesk()
        try await freshdesk.serve { url in
            _ = try await Self.deliver(ClientHarness.job(Self.draft), to: url, freshdesk)
            let ticket = try #require(freshdesk.tickets.first)
            var reply = Self.draft
            reply.message = "Still burning."
            reply.replyTo = String(ticket.id)
            _ = try await Self.deliver(ClientHarness.job(reply), to: url, freshdesk)
            let pending = VendorRefs(ticketID: String(ticket.id), pending: PendingCreate(.message, since: Date()))
            let outcome = try await Self.deliver(ClientHarness.job(reply, refs: pending), to: url, freshdesk)
            let notes = try #require(freshdesk.tickets.first?.notes)
            #expect(notes.count == 1)
            guard case .delivered(let refs) = outcome else { throw HarnessError("expected delivered, got \(outcome)") }
            #expect(refs.messageID == String(notes[0].id))
        }
    }

    /// The conversations come a page at a time, oldest first: a note past the first page is found too.
    @Test func anUncertainNotePastTheFirstPageIsFound() async throws {
        let freshdesk = FakeFreshdesk()
        try await freshdesk.serve { url in
            _ = try await Self.deliver(ClientHarness.job(Self.draft), to: url, freshdesk)
            let ticket = try #require(freshdesk.tickets.first)
            freshdesk.addNotes(150, to: ticket.id)
            var reply = Self.draft
            reply.message = "Note 3"
            reply.replyTo = String(ticket.id)
            let pending = VendorRefs(ticketID: String(ticket.id), pending: PendingCreate(.message, since: Date()))
            _ = try await Self.deliver(ClientHarness.job(reply, refs: pending), to: url, freshdesk)
            let made = try #require(freshdesk.tickets.first?.notes.last)
            #expect(freshdesk.tickets.first?.notes.count == 151, "an older note with the same words is not taken for it")
            var again = reply
            again.message = "Note 3"
            let retry = VendorRefs(ticketID: String(ticket.id), pending: PendingCreate(.message, since: Date()))
            guard case .delivered(let refs) = try await Self.deliver(ClientHarness.job(again, refs: retry), to: url, freshdesk) else {
                throw HarnessError("expected delivered")
            }
            #expect(refs.messageID == String(made.id))
            #expect(freshdesk.tickets.first?.notes.count == 151)
        }
    }

    @Test func aRefusalKeepsFreshdesksWordsAndNoEmailSendsNothing() async throws {
        let freshdesk = FakeFreshdesk()
        try await freshdesk.serve { url in
            var draft = Self.draft
            draft.requester = Party(email: "not-an-address", name: "Jane")
            guard case .permanent(let failure) = try await Self.deliver(ClientHarness.job(draft), to: url, freshdesk) else {
                throw HarnessError("expected a permanent failure")
            }
            #expect(failure.reason == .rejected)
            #expect(failure.detail.contains("Validation failed; email: It should be in the 'valid email address' format"), "\(failure.detail)")
            draft.requester = Party(name: "Jane")
            let requests = freshdesk.requests.count
            guard case .permanent(let missing) = try await Self.deliver(ClientHarness.job(draft), to: url, freshdesk) else {
                throw HarnessError("expected a permanent failure")
            }
            #expect(missing.reason == .invalidRequest)
            #expect(freshdesk.requests.count == requests)
        }
    }
}
