import Foundation
import Testing
import TicketGateCore
import TicketGateStore

/// How the store ties follow-ups to the conversations they continue, per destination, and how claims skip
/// paused destinations and wait for a conversation's first delivery.
@Suite struct ConversationStoreTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func accept(
        _ store: any OperatorStore, _ id: String, to destination: String = "spp", thread: ThreadKeys, kind: EventKind = .email, replyTo: String? = nil
    ) async throws {
        let event = InboundEvent(
            id: EventID(rawValue: id), source: "mail", kind: kind, format: "postmark", receivedAt: start, sender: Party(email: "a@b.co"),
            thread: thread)
        let draft = TicketDraft(destination: destination, requester: event.sender, subject: "s", message: "m", replyTo: replyTo)
        let decision = Decision(trace: [], outcome: .deliver(draft))
        _ = try await store.accept(AcceptedEvent(event: event, rawBody: Data("{}".utf8), contentType: nil, decision: decision, audit: []))
    }

    func claim(_ store: any OperatorStore, _ destinations: DestinationFilter = .all) async throws -> [DeliveryJob] {
        try await store.claimDueDeliveries(now: start, limit: 10, leaseUntil: start.addingTimeInterval(60), destinations: destinations)
    }

    func deliver(_ store: any OperatorStore, _ job: DeliveryJob, ticket: String) async throws {
        try await store.finishAttempt(
            deliveryID: job.id, eventID: job.eventID, claim: job.claim, result: .delivered(VendorRefs(ticketID: ticket)), audit: [])
    }

    @Test(arguments: StoreKind.available)
    func aReplyWaitsForTheFirstDeliveryThenLearnsItsTicket(kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await accept(store, "first", thread: ThreadKeys(messageID: "a@mail.example"))
            try await accept(store, "reply", thread: ThreadKeys(messageID: "b@mail.example", inReplyTo: "a@mail.example"))
            let firstRound = try await claim(store)
            #expect(firstRound.map(\.eventID.rawValue) == ["first"])
            #expect(firstRound.first?.conversation == nil)

            try await deliver(store, try #require(firstRound.first), ticket: "55")
            let reply = try #require(try await claim(store).first)
            #expect(reply.eventID.rawValue == "reply")
            #expect(reply.conversation == ConversationLink(firstEventID: EventID(rawValue: "first"), firstStatus: .delivered, ticketID: "55"))
            #expect(reply.knownTicket == "55")
        }
    }

    @Test(arguments: StoreKind.available)
    func aReplyToTheReplyJoinsTheSameConversation(kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await accept(store, "first", thread: ThreadKeys(messageID: "a@mail.example"))
            try await accept(store, "reply", thread: ThreadKeys(messageID: "b@mail.example", inReplyTo: "a@mail.example"))
            try await accept(store, "third", thread: ThreadKeys(messageID: "c@mail.example", references: ["a@mail.example", "b@mail.example"]))
            try await deliver(store, try #require(try await claim(store).first), ticket: "55")
            let followUps = try await claim(store)
            #expect(followUps.map(\.eventID.rawValue).sorted() == ["reply", "third"])
            #expect(followUps.allSatisfy { $0.conversation?.firstEventID.rawValue == "first" && $0.knownTicket == "55" })
        }
    }

    @Test(arguments: StoreKind.available)
    func conversationsBelongToOneDestination(kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await accept(store, "first", thread: ThreadKeys(messageID: "a@mail.example"))
            try await accept(store, "elsewhere", to: "other", thread: ThreadKeys(inReplyTo: "a@mail.example"))
            let jobs = try await claim(store)
            #expect(jobs.map(\.eventID.rawValue).sorted() == ["elsewhere", "first"])
            #expect(jobs.allSatisfy { $0.conversation == nil })
        }
    }

    @Test(arguments: StoreKind.available)
    func chatsThreadByTheirConversationId(kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await accept(store, "hello", thread: ThreadKeys(conversationID: "conv-1"), kind: .chat)
            try await accept(store, "again", thread: ThreadKeys(conversationID: "conv-1"), kind: .chat)
            try await accept(store, "other", thread: ThreadKeys(conversationID: "conv-2"), kind: .chat)
            let firstRound = try await claim(store)
            #expect(firstRound.map(\.eventID.rawValue).sorted() == ["hello", "other"])
            try await deliver(store, try #require(firstRound.first { $0.eventID.rawValue == "hello" }), ticket: "77")
            #expect(try await claim(store).map { "\($0.eventID.rawValue) \($0.knownTicket ?? "none")" } == ["again 77"])
        }
    }

    @Test(arguments: StoreKind.available)
    func aTicketARuleNamedIsRememberedForTheConversation(kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await accept(store, "named", thread: ThreadKeys(messageID: "a@mail.example"), replyTo: "900")
            try await accept(store, "reply", thread: ThreadKeys(inReplyTo: "a@mail.example"))
            let named = try #require(try await claim(store).first)
            #expect(named.knownTicket == "900")
            try await store.finishAttempt(
                deliveryID: named.id, eventID: named.eventID, claim: named.claim, result: .delivered(VendorRefs(ticketID: "900", messageID: "1")),
                audit: [])
            #expect(try await claim(store).map(\.knownTicket) == ["900"])
        }
    }

    @Test(arguments: StoreKind.available)
    func claimsSkipPausedDestinationsAndProbeOneAlone(kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await accept(store, "to-spp", thread: ThreadKeys())
            try await accept(store, "to-other", to: "other", thread: ThreadKeys())
            #expect(try await claim(store, .except(["spp"])).map(\.destination) == ["other"])
            #expect(try await claim(store, .only("spp")).map(\.destination) == ["spp"])
        }
    }

    @Test(arguments: StoreKind.available)
    func aPausedAttemptIsNotCountedAndResumesWhenAsked(kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await accept(store, "waiting", thread: ThreadKeys())
            let job = try #require(try await claim(store).first)
            #expect(job.attempt == 1)
            let failure = DeliveryFailure(.unauthorized, "SPP answered 401")
            try await store.finishAttempt(
                deliveryID: job.id, eventID: job.eventID, claim: job.claim, result: .paused(until: start.addingTimeInterval(600), failure), audit: [])
            #expect(try await claim(store).isEmpty)
            #expect(try await store.resumeWaitingDeliveries(to: "spp", now: start) == 1)
            let again = try #require(try await claim(store).first)
            #expect(again.attempt == 1)
        }
    }
}
