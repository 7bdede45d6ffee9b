import Foundation
import HTTPTypes
import Testing
import TicketGateCore

@testable import TicketGateServer

/// A signed form event, through the HTTP endpoint, the rules, the outbox and the worker, to a local SPP that
/// validates every request as the seed documents do.
@Suite struct EndToEndDeliveryTests {
    static let enterpriseForm = """
        {"from":"jane@example.com","full_name":"Jane Q. Doe","topic":"Refund for invoice 1042",\
        "body":"I was charged twice this month.","plan":"enterprise","phone":"+31 20 123 4567"}
        """

    @Test func signedFormBecomesSPPClientTicketAndMessage() async throws {
        let spp = FakeSPP()
        try await spp.serve { url in
            let gateway = try GatewayHarness(rules: TestRules.website(sppURL: url, token: spp.token), environment: TestRules.environment)
            let (id, deliveries) = try await gateway.run { client in
                let response = try await client.postHook(body: Self.enterpriseForm)
                #expect(response.status == .accepted)
                #expect(response.json?["status"] == "accepted")
                let id = try #require(response.eventID)
                return (id, try await gateway.finalDeliveries(of: id))
            }
            #expect(deliveries.map(\.status) == [.delivered])

            let requests = spp.requests
            #expect(
                requests.map { "\($0.method) \($0.path)" } == [
                    "GET /api/clients", "POST /api/clients", "POST /api/tickets", "POST /api/ticket_messages/\(spp.tickets.first?.id ?? 0)",
                ])
            // The lookup filters by the sender's exact email.
            #expect(requests[0].query == ["filters[email][$eq]": "jane@example.com"])
            for request in requests {
                #expect(request.headers[.authorization] == "Bearer \(spp.token)")
                #expect(request.headers[HTTPField.Name("X-Api-Version")!] == "2024-03-05")
            }

            let client = try #require(spp.clients.first)
            #expect(spp.clients.count == 1)
            #expect(client.email == "jane@example.com")
            #expect(client.nameF == "Jane")
            #expect(client.nameL == "Q. Doe")

            let ticket = try #require(spp.tickets.first)
            #expect(spp.tickets.count == 1)
            #expect(ticket.userID == client.id)
            #expect(ticket.subject == "Refund for invoice 1042")
            #expect(ticket.tags == ["inbound", "billing", "vip"])
            #expect(ticket.employees == [4])
            #expect(ticket.note == "Billing queue")
            // The rules' metadata, and the marker that ties the ticket to its event.
            #expect(ticket.metadata == ["enterprise", "ticketgate:\(id)"])
            #expect(requests[2].body?["employees"] == [4])
            #expect(requests[2].body?["user_id"] == .int(Int64(client.id)))

            let message = try #require(spp.messages.first)
            #expect(spp.messages.count == 1)
            #expect(message.ticketID == ticket.id)
            #expect(message.userID == client.id)
            #expect(message.staffOnly == true)
            #expect(message.message == "I was charged twice this month.\n\n--\nphone: +31 20 123 4567\nplan: enterprise")

            let delivery = try #require(deliveries.first)
            #expect(delivery.refs == VendorRefs(clientID: String(client.id), ticketID: String(ticket.id), messageID: String(message.id)))
            #expect(delivery.attempts == 1)

            let report = try await gateway.report(id)
            #expect(
                report.audit.map(\.record.stage) == [.received, .verified, .decided, .vendorCall, .vendorCall, .vendorCall, .vendorCall, .delivered])
            #expect(report.decision.matchedRules == ["billing", "enterprise"])
            let calls = report.audit.filter { $0.record.stage == .vendorCall }.map(\.record.detail)
            #expect(calls.map { $0["status"] } == [200, 201, 201, 201])
            #expect(calls.allSatisfy { $0["request_id"]?.scalarText?.isEmpty == false })
            #expect(calls.map { $0["method"] } == ["GET", "POST", "POST", "POST"])
        }
    }

    @Test func knownClientIsReusedNotCreated() async throws {
        let spp = FakeSPP()
        let existing = spp.addClient(email: "jane@example.com")
        try await spp.serve { url in
            let gateway = try GatewayHarness(rules: TestRules.website(sppURL: url, token: spp.token), environment: TestRules.environment)
            let (_, delivery) = try await gateway.deliver(Self.enterpriseForm)
            #expect(delivery.status == .delivered)
            #expect(spp.requests.map(\.method) == ["GET", "POST", "POST"])
            #expect(spp.clients.count == 1)
            #expect(spp.tickets.first?.userID == existing)
        }
    }

    @Test func droppedEventIsStoredButNeverDelivered() async throws {
        let spp = FakeSPP()
        try await spp.serve { url in
            let gateway = try GatewayHarness(rules: TestRules.website(sppURL: url, token: spp.token), environment: TestRules.environment)
            let id = try await gateway.run { client in
                let response = try await client.postHook(body: #"{"from":"x@example.com","body":"win big at the CASINO"}"#)
                #expect(response.status == .accepted)
                return try #require(response.eventID)
            }
            let report = try await gateway.report(id)
            #expect(report.decision.outcome == .drop(rule: "spam", reason: "spam keywords"))
            #expect(report.deliveries.isEmpty)
            #expect(report.audit.last?.record.summary == "dropped by rule spam: spam keywords")
            #expect(spp.requests.isEmpty)
        }
    }
}
