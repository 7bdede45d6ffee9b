import Foundation
import Testing
import TicketGateCore
import TicketGateVendors

/// The Initdesk client against the strict local Initdesk of seed 004: a message on the ticket the event
/// belongs to, with every setting a rule can make; the copied addresses only on customer-visible messages;
/// no request at all when no ticket is known.
@Suite struct InitdeskClientTests {
    static func destination(_ url: String, token: String = "initdesk-test-token", organization: Int = 42) -> DestinationDefinition {
        DestinationDefinition(
            name: "initdesk", vendor: InitdeskVendor.profile, baseURL: url, credential: Secret(token),
            settings: ["organization": .integer(organization)])
    }

    static let draft = TicketDraft(
        destination: "initdesk", requester: Party(email: "jane@example.com", name: "Jane Doe"), subject: "Re: outage",
        message: "It is down again.\nSince 9:00.\n\nCan you look <now>?", assignee: 17, staffOnly: false,
        nextAction: "reopen_waiting_associate", replyTo: "7001", cc: ["boss@example.com", "ops@example.com"]
    )

    @Test func aMessageOnTheTicketCarriesEverySetting() async throws {
        let initdesk = FakeInitdesk()
        try await initdesk.serve { url in
            let outcome = try await ClientHarness.withClient(Self.destination(url)) {
                await $0.deliver(ClientHarness.job(Self.draft), journal: TestJournal())
            }
            let message = try #require(initdesk.messages.first)
            #expect(outcome == .delivered(VendorRefs(ticketID: "7001", messageID: String(message.id))))
            #expect(message.ticketID == 7001)
            #expect(message.content == "It is down again.\nSince 9:00.\n\nCan you look <now>?")
            #expect(message.contentHTML == "<p>It is down again.<br>Since 9:00.</p><p>Can you look &lt;now&gt;?</p>")
            #expect(message.isVisibleToCustomer == true)
            #expect(message.nextAssigneeID == 17)
            #expect(message.nextAction == "reopen_waiting_associate")
            #expect(message.externalRecipientEmails == ["boss@example.com", "ops@example.com"])
            let request = try #require(initdesk.requests.first)
            #expect(request.path == "/organizations/42/tickets/7001/messages/")
            #expect(request.contentType == "application/json")
        }
    }

    @Test func anInternalNoteLeavesTheCopiedAddressesOut() async throws {
        let initdesk = FakeInitdesk()
        try await initdesk.serve { url in
            var draft = Self.draft
            draft.staffOnly = true
            draft.assignee = nil
            draft.nextAction = nil
            let job = ClientHarness.job(draft)
            _ = try await ClientHarness.withClient(Self.destination(url)) { await $0.deliver(job, journal: TestJournal()) }
            let message = try #require(initdesk.messages.first)
            #expect(message.isVisibleToCustomer == false)
            #expect(message.keys == ["content", "content_html", "is_visible_to_customer"])
        }
    }

    @Test func aConversationsTicketIsUsedWhenNoRuleNamesOne() async throws {
        let initdesk = FakeInitdesk(tickets: [7002])
        try await initdesk.serve { url in
            var draft = Self.draft
            draft.replyTo = nil
            var job = ClientHarness.job(draft)
            job.conversation = ConversationLink(firstEventID: EventID(rawValue: "first"), firstStatus: .delivered, ticketID: "7002")
            let outcome = try await ClientHarness.withClient(Self.destination(url)) { [job] in await $0.deliver(job, journal: TestJournal()) }
            #expect(outcome == .delivered(VendorRefs(ticketID: "7002", messageID: initdesk.messages.first.map { String($0.id) })))
        }
    }

    @Test func noKnownTicketFailsBeforeAnyRequest() async throws {
        let initdesk = FakeInitdesk()
        try await initdesk.serve { url in
            var draft = Self.draft
            draft.replyTo = nil
            let job = ClientHarness.job(draft)
            let outcome = try await ClientHarness.withClient(Self.destination(url)) { await $0.deliver(job, journal: TestJournal()) }
            guard case .permanent(let failure) = outcome else {
                Issue.record("expected a permanent failure, got \(outcome)")
                return
            }
            #expect(failure.reason == .invalidRequest)
            #expect(initdesk.requests.isEmpty)
        }
    }

    @Test func anotherOrganizationsPathPausesTheDestination() async throws {
        let initdesk = FakeInitdesk()
        try await initdesk.serve { url in
            let outcome = try await ClientHarness.withClient(Self.destination(url, organization: 43)) {
                await $0.deliver(ClientHarness.job(Self.draft), journal: TestJournal())
            }
            guard case .credentialRefused(let failure) = outcome else {
                Issue.record("expected the credential refused, got \(outcome)")
                return
            }
            #expect(failure.detail.contains("403"))
        }
    }

    @Test func anUnknownTicketIsPermanentNotFound() async throws {
        let initdesk = FakeInitdesk(tickets: [])
        try await initdesk.serve { url in
            let outcome = try await ClientHarness.withClient(Self.destination(url)) {
                await $0.deliver(ClientHarness.job(Self.draft), journal: TestJournal())
            }
            guard case .permanent(let failure) = outcome else {
                Issue.record("expected a permanent failure, got \(outcome)")
                return
            }
            #expect(failure.reason == .notFound)
        }
    }
}
