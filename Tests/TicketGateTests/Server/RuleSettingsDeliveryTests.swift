import Foundation
import Testing
import TicketGateCore
import TicketGateStore

@testable import TicketGateServer

/// Settings that change what reaches SPP: a ticket reference, an order, a status, templates, and assignees in turn.
@Suite struct RuleSettingsDeliveryTests {
    static func rules(url: String, token: String) -> String {
        """
        sources:
          website: { kind: form, verify: { scheme: none } }
        destinations:
          spp: { vendor: spp, url: "\(url)", token: "\(token)" }
        defaults: { destination: spp, tags: [inbound] }
        rules:
          - name: replies
            when: { subject: { matches: "\\\\[#\\\\d+\\\\]" } }
            set: { reply_to: { field: subject, pattern: "\\\\[#(\\\\d+)\\\\]" } }
          - name: orders
            when: { fields.order: { exists: true } }
            set: { order: { field: fields.order, pattern: "^A-(\\\\d+)$" }, staff_only: true }
          - name: new
            set:
              status: 2
              assignee: [4, 7]
              subject: "Web: {{subject}}"
              message: "From {{sender.display}} ({{fields.company}}):\\n{{body}}"
        """
    }

    @Test func aTicketReferenceAddsAMessageToThatTicket() async throws {
        let spp = FakeSPP()
        let client = spp.addClient(email: "jane@example.com")
        let ticket = spp.addTicket(userID: client)
        try await spp.serve { url in
            let gateway = try GatewayHarness(rules: Self.rules(url: url, token: spp.token))
            let (_, delivery) = try await gateway.deliver(
                #"{"email":"jane@example.com","subject":"Re: [#\#(ticket)] broken","message":"Still broken."}"#)
            #expect(delivery.status == .delivered)
            #expect(spp.requests.map { "\($0.method) \($0.path)" } == ["GET /api/clients", "POST /api/ticket_messages/\(ticket)"])
            #expect(spp.tickets.count == 1)
            #expect(spp.messages.map(\.message) == ["Still broken."])
            #expect(spp.messages.first?.userID == client)
        }
    }

    @Test func anOrderReferencePostsAnOrderMessage() async throws {
        let spp = FakeSPP()
        spp.addOrder("88213")
        try await spp.serve { url in
            let gateway = try GatewayHarness(rules: Self.rules(url: url, token: spp.token))
            let (_, delivery) = try await gateway.deliver(#"{"email":"kim@example.com","message":"Where is it?","order":"A-88213"}"#)
            #expect(delivery.status == .delivered)
            #expect(spp.requests.map { "\($0.method) \($0.path)" } == ["GET /api/clients", "POST /api/clients", "POST /api/order_messages/88213"])
            let message = try #require(spp.messages.first)
            #expect(message.isOrderMessage)
            #expect(message.ticketID == 88213)
            #expect(message.staffOnly == true)
            #expect(spp.tickets.isEmpty)
        }
    }

    @Test func templatesStatusAndARotationShapeTheTicket() async throws {
        let spp = FakeSPP()
        try await spp.serve { url in
            let gateway = try GatewayHarness(rules: Self.rules(url: url, token: spp.token))
            let form = #"{"email":"lee@example.com","name":"Lee","subject":"Help","message":"It broke & stopped.","company":"Acme <EU>"}"#
            _ = try await gateway.deliverAll(form)
            _ = try await gateway.deliverAll(form.replacingOccurrences(of: "Help", with: "Help again"))
            _ = try await gateway.deliverAll(form.replacingOccurrences(of: "Help", with: "Help once more"))
            #expect(spp.tickets.map(\.subject) == ["Web: Help", "Web: Help again", "Web: Help once more"])
            #expect(spp.tickets.map(\.status) == [2, 2, 2])
            #expect(spp.tickets.map(\.employees) == [[4], [7], [4]])
            #expect(spp.messages.first?.message == "From Lee <lee@example.com> (Acme <EU>):\nIt broke & stopped.")
        }
    }

    @Test func rotationTurnsSurviveARestart() async throws {
        let directory = try TemporaryDirectory()
        let rotation = AssigneeRotation(key: "rule:4,7,9", pool: [4, 7, 9])
        var picked: [Int] = []
        do {
            let store = try SQLiteEventStore(path: directory.file("tg.sqlite"), serving: true)
            picked.append(try await store.nextAssignee(in: rotation))
            picked.append(try await store.nextAssignee(in: rotation))
        }
        let reopened = try SQLiteEventStore(path: directory.file("tg.sqlite"), serving: true)
        picked.append(try await reopened.nextAssignee(in: rotation))
        picked.append(try await reopened.nextAssignee(in: rotation))
        #expect(picked == [4, 7, 9, 4])
        #expect(try await reopened.nextAssignee(in: AssigneeRotation(key: "rule:4,8", pool: [4, 8])) == 4)
    }
}
