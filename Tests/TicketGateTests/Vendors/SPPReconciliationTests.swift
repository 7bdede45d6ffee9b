import Foundation
import Testing
import TicketGateCore
import TicketGateVendors

/// SPP has no idempotency key, so a create whose answer was never recorded (the process died, the answer was
/// lost) is looked for before it is sent again: the ticket by the event's metadata marker, the message by its
/// text and author. Two events from one new customer make one client.
@Suite struct SPPReconciliationTests {
    static let draft = TicketDraft(
        destination: "spp", requester: Party(email: "jane@example.com", name: "Jane Doe"), subject: "Help", message: "Please call me.")

    static func deliver(_ spp: FakeSPP, url: String, refs: VendorRefs) async throws -> DeliveryOutcome {
        let job = ClientHarness.job(Self.draft, refs: refs)
        let destination = DestinationDefinition(name: "spp", vendor: SPPVendor.profile, baseURL: url, credential: Secret(spp.token))
        return try await ClientHarness.withClient(destination) { await $0.deliver(job, journal: TestJournal()) }
    }

    @Test func aTicketADeadAttemptCreatedIsFoundNotCreatedAgain() async throws {
        let spp = FakeSPP()
        let client = spp.addClient(email: "jane@example.com")
        spp.addTicket(userID: client, subject: "Someone else's", metadata: ["ticketgate:another-event"])
        let ticket = spp.addTicket(userID: client, subject: "Help", metadata: ["ticketgate:event-1"])
        try await spp.serve { url in
            let refs = VendorRefs(clientID: String(client), pending: PendingCreate(.ticket, since: Date()))
            let outcome = try await Self.deliver(spp, url: url, refs: refs)
            #expect(
                outcome
                    == .delivered(VendorRefs(clientID: String(client), ticketID: String(ticket), messageID: spp.messages.first.map { String($0.id) }))
            )
            #expect(spp.requests.map { "\($0.method) \($0.path)" } == ["GET /api/tickets", "POST /api/ticket_messages/\(ticket)"])
            #expect(spp.requests.first?.query == ["filters[user_id][$eq]": String(client), "sort": "id:desc", "limit": "20"])
            #expect(spp.tickets.count == 2)
        }
    }

    @Test func aMessageADeadAttemptPostedIsFoundNotPostedAgain() async throws {
        let spp = FakeSPP()
        let client = spp.addClient(email: "jane@example.com")
        let ticket = spp.addTicket(userID: client, metadata: ["ticketgate:event-1"])
        let message = spp.addMessage(ticketID: ticket, text: "Please call me.", userID: client)
        try await spp.serve { url in
            let refs = VendorRefs(clientID: String(client), ticketID: String(ticket), pending: PendingCreate(.message, since: Date()))
            let outcome = try await Self.deliver(spp, url: url, refs: refs)
            #expect(outcome == .delivered(VendorRefs(clientID: String(client), ticketID: String(ticket), messageID: String(message))))
            #expect(spp.requests.map { "\($0.method) \($0.path)" } == ["GET /api/ticket_messages/\(ticket)"])
            #expect(spp.messages.count == 1)
        }
    }

    @Test func aPendingCreateThatNeverHappenedIsMadeNow() async throws {
        let spp = FakeSPP()
        let client = spp.addClient(email: "jane@example.com")
        try await spp.serve { url in
            let refs = VendorRefs(clientID: String(client), pending: PendingCreate(.ticket, since: Date()))
            let outcome = try await Self.deliver(spp, url: url, refs: refs)
            guard case .delivered(let delivered) = outcome else {
                Issue.record("expected delivered, got \(outcome)")
                return
            }
            #expect(delivered.pending == nil)
            #expect(spp.tickets.map(\.metadata) == [["ticketgate:event-1"]])
            #expect(spp.requests.map { "\($0.method) \($0.path)" }.prefix(2) == ["GET /api/tickets", "POST /api/tickets"])
        }
    }

    @Test func twoEventsFromOneNewCustomerMakeOneClient() async throws {
        let spp = FakeSPP(answerDelay: .milliseconds(50))
        try await spp.serve { url in
            let destination = DestinationDefinition(name: "spp", vendor: SPPVendor.profile, baseURL: url, credential: Secret(spp.token))
            let outcomes = try await ClientHarness.withClient(destination) { client in
                await withTaskGroup(of: DeliveryOutcome.self) { group in
                    for index in 1...3 {
                        group.addTask {
                            var job = ClientHarness.job(Self.draft)
                            job.eventID = EventID(rawValue: "event-\(index)")
                            return await client.deliver(job, journal: TestJournal())
                        }
                    }
                    return await group.reduce(into: []) { $0.append($1) }
                }
            }
            #expect(outcomes.allSatisfy { if case .delivered = $0 { true } else { false } })
            #expect(spp.clients.count == 1)
            #expect(spp.tickets.count == 3)
        }
    }
}
