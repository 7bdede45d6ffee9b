import Foundation
import Testing
import TicketGateCore
import TicketGateStore

/// How the store ties follow-ups to the conversations they continue, per destination, and how claims skip
/// paused destinations and wait for a conversation's first delivery.
@Suite struct ConversationStoreTests {
    let directory: TemporaryDirectory
    let store: SQLiteEventStore
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    init() throws {
        directory = try TemporaryDirectory()
        store = try SQLiteEventStore(path: directory.file("store.sqlite"), serving: true)
    }

    func accept(_ id: String, to destination: String = "spp", thread: ThreadKeys, kind: EventKind = .email, replyTo: String? = nil) async throws {
        let event = InboundEvent(
            id: EventID(rawValue: id), source: "mail", kind: kind, format: "postmark", receivedAt: start, sender: Party(email: "a@b.co"),
            thread: thread)
        let draft = TicketDraft(destination: destination, requester: event.sender, subject: "s", message: "m", replyTo: replyTo)
        let decision = Decision(trace: [], outcome: .deliver(draft))
        _ = try await store.accept(AcceptedEvent(event: event, rawBody: Data("{}".utf8), contentType: nil, decision: decision, audit: []))
    }

    func claim(_ destinations: DestinationFilter = .all) async throws -> [DeliveryJob] {
        try await store.claimDueDeliveries(now: start, limit: 10, leaseUntil: start.addingTimeInterval(60), destinations: destinations)
    }

    func deliver(_ job: DeliveryJob, ticket: String) async throws {
        try await store.finishAttempt(deliveryID: job.id, eventID: job.eventID, result: .delivered(VendorRefs(ticketID: ticket)), audit: [])
    }

    @Test func aReplyWaitsForTheFirstDeliveryThenLearnsItsTicket() async throws {
        try await accept("first", thread: ThreadKeys(messageID: "a@mail.example"))
        try await accept("reply", thread: ThreadKeys(messageID: "b@mail.example", inReplyTo: "a@mail.example"))
        let firstRound = try await claim()
        #expect(firstRound.map(\.eventID.rawValue) == ["first"])
        #expect(firstRound.first?.conversation == nil)

        try await deliver(try #require(firstRound.first), ticket: "55")
        let reply = try #require(try await claim().first)
        #expect(reply.eventID.rawValue == "reply")
        #expect(reply.conversation == ConversationLink(firstEventID: EventID(rawValue: "first"), firstStatus: .delivered, ticketID: "55"))
        #expect(reply.knownTicket == "55")
    }

    @Test func aReplyToTheReplyJoinsTheSameConversation() async throws {
        try await accept("first", thread: ThreadKeys(messageID: "a@mail.example"))
        try await accept("reply", thread: ThreadKeys(messageID: "b@mail.example", inReplyTo: "a@mail.example"))
        try await accept("third", thread: ThreadKeys(messageID: "c@mail.example", references: ["a@mail.example", "b@mail.example"]))
        try await deliver(try #require(try await claim().first), ticket: "55")
        let followUps = try await claim()
        #expect(followUps.map(\.eventID.rawValue).sorted() == ["reply", "third"])
        #expect(followUps.allSatisfy { $0.conversation?.firstEventID.rawValue == "first" && $0.knownTicket == "55" })
    }

    @Test func conversationsBelongToOneDestination() async throws {
        try await accept("first", thread: ThreadKeys(messageID: "a@mail.example"))
        try await accept("elsewhere", to: "other", thread: ThreadKeys(inReplyTo: "a@mail.example"))
        let jobs = try await claim()
        #expect(jobs.map(\.eventID.rawValue).sorted() == ["elsewhere", "first"])
        #expect(jobs.allSatisfy { $0.conversation == nil })
    }

    @Test func chatsThreadByTheirConversationId() async throws {
        try await accept("hello", thread: ThreadKeys(conversationID: "conv-1"), kind: .chat)
        try await accept("again", thread: ThreadKeys(conversationID: "conv-1"), kind: .chat)
        try await accept("other", thread: ThreadKeys(conversationID: "conv-2"), kind: .chat)
        let firstRound = try await claim()
        #expect(firstRound.map(\.eventID.rawValue).sorted() == ["hello", "other"])
        try await deliver(try #require(firstRound.first { $0.eventID.rawValue == "hello" }), ticket: "77")
        #expect(try await claim().map { "\($0.eventID.rawValue) \($0.knownTicket ?? "none")" } == ["again 77"])
    }

    @Test func aTicketARuleNamedIsRememberedForTheConversation() async throws {
        try await accept("named", thread: ThreadKeys(messageID: "a@mail.example"), replyTo: "900")
        try await accept("reply", thread: ThreadKeys(inReplyTo: "a@mail.example"))
        let named = try #require(try await claim().first)
        #expect(named.knownTicket == "900")
        try await store.finishAttempt(
            deliveryID: named.id, eventID: named.eventID, result: .delivered(VendorRefs(ticketID: "900", messageID: "1")), audit: [])
        #expect(try await claim().map(\.knownTicket) == ["900"])
    }

    @Test func claimsSkipPausedDestinationsAndProbeOneAlone() async throws {
        try await accept("to-spp", thread: ThreadKeys())
        try await accept("to-other", to: "other", thread: ThreadKeys())
        #expect(try await claim(.except(["spp"])).map(\.destination) == ["other"])
        #expect(try await claim(.only("spp")).map(\.destination) == ["spp"])
    }

    @Test func aPausedAttemptIsNotCountedAndResumesWhenAsked() async throws {
        try await accept("waiting", thread: ThreadKeys())
        let job = try #require(try await claim().first)
        #expect(job.attempt == 1)
        let failure = DeliveryFailure(.unauthorized, "SPP answered 401")
        try await store.finishAttempt(
            deliveryID: job.id, eventID: job.eventID, result: .paused(until: start.addingTimeInterval(600), failure), audit: [])
        #expect(try await claim().isEmpty)
        #expect(try await store.resumeWaitingDeliveries(to: "spp", now: start) == 1)
        let again = try #require(try await claim().first)
        #expect(again.attempt == 1)
    }
}
