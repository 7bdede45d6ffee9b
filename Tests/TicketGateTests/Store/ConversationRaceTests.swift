import Foundation
import Testing
import TicketGateCore

/// Two messages of one conversation the gateway has not seen yet (two replies to the same email), stored at the
/// same moment by two instances, make one opener: the other waits for it and continues its ticket. PostgreSQL
/// once let both become openers (each read the conversation before the other wrote it), so the vendor got two
/// tickets for one conversation.
@Suite struct ConversationRaceTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func reply(_ id: String, to root: String) -> AcceptedEvent {
        let event = InboundEvent(
            id: EventID(rawValue: id), source: "mail", kind: .email, format: "postmark", receivedAt: start, sender: Party(email: "a@b.co"),
            thread: ThreadKeys(messageID: "\(id)@mail.example", inReplyTo: root))
        let draft = TicketDraft(destination: "spp", requester: event.sender, subject: "s", message: "m")
        return AcceptedEvent(
            event: event, rawBody: Data("{}".utf8), contentType: nil, decision: Decision(trace: [], outcome: .deliver(draft)), audit: [])
    }

    @Test(arguments: StoreKind.available)
    func repliesStoredAtOnceByTwoInstancesMakeOneOpenerPerConversation(kind: StoreKind) async throws {
        let conversations = 24
        try await kind.withTwoHandles { first, second in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<conversations {
                    let root = "root-\(index)@mail.example"
                    group.addTask { _ = try await first.accept(reply("a\(index)", to: root)) }
                    group.addTask { _ = try await second.accept(reply("b\(index)", to: root)) }
                }
                try await group.waitForAll()
            }
            // Only openers can be claimed while they are pending: one per conversation.
            let claimed = try await first.claimDueDeliveries(now: start, limit: 1000, leaseUntil: start.addingTimeInterval(60))
            let roots = claimed.map { String($0.eventID.rawValue.dropFirst()) }
            #expect(claimed.count == conversations, "openers: \(claimed.map(\.eventID.rawValue).sorted())")
            #expect(Set(roots).count == claimed.count, "two openers in one conversation")
            for job in claimed {
                try await first.finishAttempt(
                    deliveryID: job.id, eventID: job.eventID, claim: job.claim, result: .delivered(VendorRefs(ticketID: "t\(job.eventID)")),
                    audit: [])
            }
            let followUps = try await second.claimDueDeliveries(now: start, limit: 1000, leaseUntil: start.addingTimeInterval(60))
            #expect(followUps.count == conversations)
            for followUp in followUps {
                let opener = try #require(followUp.conversation?.firstEventID.rawValue)
                #expect(opener.dropFirst() == followUp.eventID.rawValue.dropFirst(), "a reply continues its own conversation")
                #expect(followUp.knownTicket == "t\(opener)")
            }
        }
    }
}
