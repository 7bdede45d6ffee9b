import Foundation
import Logging
import PostgresNIO
import Testing
import TicketGateCore
import TicketGateStorePostgres

/// The race of two replies to one unseen message, made certain instead of likely: the test holds the
/// `conversation` table so both instances' transactions are under way at once (each has stored its event and
/// waits for a lock), then lets them go. Linking a delivery to its conversation is one atomic step, so the second
/// reads what the first wrote and continues its conversation.
@Suite(.enabled(if: PostgresServer.isAvailable, PostgresServer.skipReason))
struct ConversationLockTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func reply(_ id: String, to root: String) -> AcceptedEvent {
        let event = InboundEvent(
            id: EventID(rawValue: id), source: "mail", kind: .email, format: "postmark", receivedAt: start, sender: Party(email: "a@b.co"),
            thread: ThreadKeys(messageID: "\(id)@mail.example", references: [root]))
        let draft = TicketDraft(destination: "spp", requester: event.sender, subject: "s", message: "m")
        return AcceptedEvent(
            event: event, rawBody: Data("{}".utf8), contentType: nil, decision: Decision(trace: [], outcome: .deliver(draft)), audit: [])
    }

    @Test func twoRepliesInFlightTogetherMakeOneOpener() async throws {
        try await PostgresServer.withTwoStoresAndTheirDatabase { location, first, second in
            let logger = Logger(label: "conversation-lock-test")
            let accepting = try await PostgresServer.withClient(location) { client in
                try await client.withTransaction(logger: logger) { holder in
                    try await holder.query("LOCK TABLE conversation IN ACCESS EXCLUSIVE MODE", logger: logger)
                    let accepting = Task {
                        async let one = first.accept(reply("one", to: "root@mail.example"))
                        async let two = second.accept(reply("two", to: "root@mail.example"))
                        return try await [one, two]
                    }
                    // Both transactions have stored their events and wait for a lock: the table, or the other's key.
                    try await client.waitForLockWaiters(atLeast: 2, logger: logger)
                    return accepting
                }
            }
            #expect(try await accepting.value == [.stored, .stored])
            let claimed = try await first.claimDueDeliveries(now: start, limit: 10, leaseUntil: start.addingTimeInterval(60))
            #expect(claimed.count == 1, "openers: \(claimed.map(\.eventID.rawValue))")
            #expect(try await first.counts().deliveries == 2)
        }
    }
}
