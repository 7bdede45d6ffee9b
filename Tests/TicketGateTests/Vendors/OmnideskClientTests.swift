import Foundation
import Testing
import TicketGateCore
import TicketGateVendors

/// The Omnidesk client against the strict local Omnidesk of seed 003: a new conversation is one chatbot call,
/// a known ticket gets a message with every setting, a message too short is made valid or refused before it
/// is sent, and a refusal is permanent with Omnidesk's own words.
@Suite struct OmnideskClientTests {
    static func destination(_ url: String, key: String = "omnidesk-test-key", settings: [String: VendorSettingValue] = [:])
        -> DestinationDefinition
    {
        DestinationDefinition(name: "omnidesk", vendor: OmnideskVendor.profile, baseURL: url, credential: Secret(key), settings: settings)
    }

    static let draft = TicketDraft(
        destination: "omnidesk", requester: Party(email: "jane@example.com", name: "Jane Doe"), subject: "Cannot log in",
        message: "My password reset link has expired.", brand: 2
    )

    @Test func aNewConversationIsOneChatbotCallWithBrandSubjectSenderAndMessage() async throws {
        let omnidesk = FakeOmnidesk()
        try await omnidesk.serve { url in
            let journal = TestJournal()
            let outcome = try await ClientHarness.withClient(Self.destination(url)) {
                await $0.deliver(ClientHarness.job(Self.draft), journal: journal)
            }
            #expect(outcome == .delivered(VendorRefs()))
            #expect(omnidesk.tickets.map { [$0.brandID] } == [[2]])
            let ticket = try #require(omnidesk.tickets.first)
            #expect(ticket.subject == "Cannot log in")
            #expect(ticket.from == "jane@example.com")
            #expect(ticket.message == "My password reset link has expired.")
            let request = try #require(omnidesk.requests.first)
            #expect(request.contentType?.hasPrefix("multipart/form-data; boundary=") == true)
            #expect(request.headers[.init("apiKey")!] == "omnidesk-test-key")
            // Omnidesk returns no ticket id, and the audit says what that means for follow-ups.
            #expect(journal.records.map(\.stage) == [.vendorCall, .threaded])
            #expect(journal.records.last?.summary.contains("returns no ticket id") == true)
        }
    }

    @Test func theDestinationsBrandIsUsedWhenNoRuleSetsOne() async throws {
        let omnidesk = FakeOmnidesk()
        try await omnidesk.serve { url in
            var draft = Self.draft
            draft.brand = nil
            let job = ClientHarness.job(draft)
            let outcome = try await ClientHarness.withClient(Self.destination(url, settings: ["brand": .integer(1)])) {
                await $0.deliver(job, journal: TestJournal())
            }
            #expect(outcome == .delivered(VendorRefs()))
            #expect(omnidesk.tickets.map(\.brandID) == [1])
        }
    }

    @Test func aKnownTicketGetsAMessageWithTypeUserStatusAndSendAt() async throws {
        let omnidesk = FakeOmnidesk()
        let ticket = omnidesk.addTicket()
        try await omnidesk.serve { url in
            var draft = Self.draft
            draft.replyTo = String(ticket)
            draft.status = "open"
            draft.writtenAt = Date(timeIntervalSince1970: 1_795_255_200)  // 2026-11-21T10:00:00Z
            let job = ClientHarness.job(draft)
            let settings: [String: VendorSettingValue] = [
                "message_type": .text("contactform"), "user_id": .integer(12), "time_zone": .text("Europe/Amsterdam"),
            ]
            let outcome = try await ClientHarness.withClient(Self.destination(url, settings: settings)) {
                await $0.deliver(job, journal: TestJournal())
            }
            #expect(outcome == .delivered(VendorRefs(ticketID: String(ticket))))
            let message = try #require(omnidesk.messages.first)
            #expect(message.ticketID == ticket)
            #expect(message.type == "contactform")
            #expect(message.message == "My password reset link has expired.")
            #expect(message.userID == 12)
            #expect(message.submitStatus == "open")
            #expect(message.sendAt == "2026-11-21 11:00:00")
            // Nothing that could make Omnidesk mail anyone on the customer's behalf.
            #expect(Set(message.fields.keys) == ["ticketID", "type", "message", "userID", "submitStatus", "sendAt"])
            #expect(omnidesk.tickets.count == 1)
        }
    }

    @Test func aMessageShorterThanFiveCharactersFollowsTheSubject() async throws {
        let omnidesk = FakeOmnidesk()
        let ticket = omnidesk.addTicket()
        try await omnidesk.serve { url in
            var draft = Self.draft
            draft.replyTo = String(ticket)
            draft.subject = "Order 42"
            draft.message = "ok"
            let job = ClientHarness.job(draft)
            let outcome = try await ClientHarness.withClient(Self.destination(url)) { await $0.deliver(job, journal: TestJournal()) }
            #expect(outcome == .delivered(VendorRefs(ticketID: String(ticket))))
            #expect(omnidesk.messages.map(\.message) == ["Order 42\n\nok"])
        }
    }

    /// Drafts Omnidesk would refuse.
    enum Refusable: String, CaseIterable, Sendable {
        case tooShortEvenAfterTheSubject = "a message too short even after its subject"
        case ticketNotANumber = "a ticket reference that is not a number"
        case noBrand = "no brand"
        case noSender = "no sender"

        func apply(to draft: inout TicketDraft) {
            switch self {
            case .tooShortEvenAfterTheSubject: (draft.replyTo, draft.subject, draft.message) = ("501", "A", "b")
            case .ticketNotANumber: draft.replyTo = "ABC-1"
            case .noBrand: draft.brand = nil
            case .noSender: draft.requester = Party()
            }
        }
    }

    @Test(arguments: Refusable.allCases)
    func whatOmnideskWouldRefuseFailsBeforeAnyRequest(_ refusable: Refusable) async throws {
        let omnidesk = FakeOmnidesk()
        try await omnidesk.serve { url in
            var draft = Self.draft
            refusable.apply(to: &draft)
            let job = ClientHarness.job(draft)
            let outcome = try await ClientHarness.withClient(Self.destination(url)) { await $0.deliver(job, journal: TestJournal()) }
            guard case .permanent(let failure) = outcome else {
                Issue.record("\(refusable.rawValue): expected a permanent failure, got \(outcome)")
                return
            }
            #expect(failure.reason == .invalidRequest, "\(refusable.rawValue)")
            #expect(omnidesk.requests.isEmpty, "\(refusable.rawValue)")
        }
    }

    @Test func aRefusalIsPermanentWithOmnidesksMessage() async throws {
        let omnidesk = FakeOmnidesk(brands: [1])
        try await omnidesk.serve { url in
            let outcome = try await ClientHarness.withClient(Self.destination(url)) {
                await $0.deliver(ClientHarness.job(Self.draft), journal: TestJournal())
            }
            guard case .permanent(let failure) = outcome else {
                Issue.record("expected a permanent failure, got \(outcome)")
                return
            }
            #expect(failure.reason == .rejected)
            #expect(failure.detail.contains("brandID 2 is not a brand of this account"))
        }
    }

    @Test func aSuccessThatSaysErrorIsARefusal() async throws {
        let omnidesk = FakeOmnidesk()
        omnidesk.script("POST", "/api/v2/message/chatbot", .init(status: 200, body: #"{"status":"error","message":"Brand is archived"}"#))
        try await omnidesk.serve { url in
            let outcome = try await ClientHarness.withClient(Self.destination(url)) {
                await $0.deliver(ClientHarness.job(Self.draft), journal: TestJournal())
            }
            #expect(
                outcome
                    == .permanent(
                        DeliveryFailure(.rejected, "Omnidesk answered 200 to POST /api/v2/message/chatbot with an error: Brand is archived")))
        }
    }
}
