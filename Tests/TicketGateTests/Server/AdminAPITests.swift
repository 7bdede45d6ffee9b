import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TicketGateCore

@testable import TicketGateServer

/// The admin API: off without a token, bearer-only with one; dead letters listed, retried and replayed; a
/// replay never opens a second ticket unless forced; events filtered and paged; destinations paused and
/// resumed.
@Suite struct AdminAPITests {
    static let token = "admin-test-token"
    static let form = #"{"from":"jane@example.com","full_name":"Jane Doe","topic":"Question","body":"Where is my order?"}"#

    static func gateway(_ url: String, spp: FakeSPP, adminToken: String? = token) throws -> GatewayHarness {
        try GatewayHarness(
            rules: TestRules.website(sppURL: url, token: spp.token), environment: TestRules.environment, retry: .immediate(maxAttempts: 2),
            adminToken: adminToken)
    }

    @Test func theAdminAPIIsOffWithoutATokenAndBearerOnlyWithOne() async throws {
        let spp = FakeSPP()
        try await spp.serve { url in
            try await Self.gateway(url, spp: spp, adminToken: nil).run { client in
                let off = try await client.execute(uri: "/admin/events", method: .get)
                #expect(off.status == .notFound)
            }
            try await Self.gateway(url, spp: spp).run { client in
                #expect(try await client.execute(uri: "/admin/events", method: .get).status == .unauthorized)
                let wrong = try await client.admin("/admin/events", token: "wrong-token")
                #expect(wrong.status == .unauthorized)
                #expect(wrong.headers[.wwwAuthenticate] == "Bearer")
                #expect(try await client.admin("/admin/events").status == .ok)
            }
        }
    }

    /// A filter or an event id with a control character (which no stored name or id holds, and PostgreSQL's
    /// text cannot) is answered as a bad filter or no such event.
    @Test func controlCharactersInFiltersAndIDsAreRefused() async throws {
        let spp = FakeSPP()
        try await spp.serve { url in
            try await Self.gateway(url, spp: spp).run { client in
                #expect(try await client.postHook(body: #"{"from":"a@b.co","topic":"Hi","body":"Hello"}"#).status == .accepted)
                let filtered = try await client.admin("/admin/events?source=website%00")
                #expect(filtered.status == .badRequest)
                #expect(String(buffer: filtered.body).contains("source must be text without control characters"))
                #expect(try await client.admin("/admin/events/x%00y").status == .notFound)
                #expect(try await client.admin("/admin/events?source=website").decode(EventPage.self).events.count == 1)
            }
        }
    }

    @Test func deadLettersAreListedRetriedAndReplayed() async throws {
        let spp = FakeSPP()
        for _ in 0..<4 {
            spp.script("POST", "/api/tickets", .init(status: 502, body: "Bad Gateway"))
        }
        try await spp.serve { url in
            let gateway = try Self.gateway(url, spp: spp)
            try await gateway.run { client in
                let first = try #require(try await client.postHook(body: Self.form).eventID)
                let second = try #require(try await client.postHook(body: Self.form.replacingOccurrences(of: "Where", with: "When")).eventID)
                #expect(try await gateway.finalDeliveries(of: first).map(\.status) == [.dead])
                #expect(try await gateway.finalDeliveries(of: second).map(\.status) == [.dead])

                let dead = try await client.admin("/admin/events?status=dead").decode(EventPage.self)
                #expect(Set(dead.events.map(\.id)) == [first, second])
                #expect(dead.events.allSatisfy { $0.deliveries.first?.lastFailure?.reason == .serverError })

                // SPP is well again: one dead delivery is retried, the other event is replayed.
                let deliveryID = try #require(dead.events.first { $0.id == first }?.deliveries.first?.id)
                let requeued = try await client.admin("/admin/deliveries/\(deliveryID)/retry", method: .post).decode(RequeuedDeliveries.self)
                #expect(requeued.deliveries.map(\.status) == [.pending])
                #expect(try await gateway.delivery(of: first) { $0.status == .delivered }.attempts == 1)

                let replay = try await client.admin("/admin/events/\(second)/replay", method: .post)
                #expect(replay.status == .ok)
                let result = try replay.decode(ReplayResult.self)
                #expect(result.deliveries.count == 1)
                #expect(try await gateway.delivery(of: second) { $0.status == .delivered }.id == result.deliveries.first?.id)
                #expect(try await client.admin("/admin/events?status=dead").decode(EventPage.self).events.map(\.id) == [second])
            }
            // Counted at SPP: one client, one ticket and one message per event.
            #expect(spp.clients.count == 1)
            #expect(spp.tickets.count == 2)
            #expect(spp.messages.count == 2)
        }
    }

    @Test func aReplayNeverOpensASecondTicketUnlessForced() async throws {
        let spp = FakeSPP()
        try await spp.serve { url in
            let gateway = try Self.gateway(url, spp: spp)
            try await gateway.run { client in
                let id = try #require(try await client.postHook(body: Self.form).eventID)
                _ = try await gateway.finalDeliveries(of: id)
                let refused = try await client.admin("/admin/events/\(id)/replay", method: .post)
                #expect(refused.status == .conflict)
                #expect(try refused.decode(ReplayResult.self).skipped?.contains("force the replay to open a new ticket") == true)
                #expect(spp.tickets.count == 1)

                let forced = try await client.admin("/admin/events/\(id)/replay?force=true", method: .post).decode(ReplayResult.self)
                let delivery = try #require(forced.deliveries.first)
                #expect(try await gateway.delivery(of: id) { $0.id == delivery.id && $0.status == .delivered }.refs.ticketID != nil)
                let audit = try await gateway.report(id).audit.map(\.record)
                #expect(audit.filter { $0.stage == .replayed }.map { $0.summary.hasPrefix("replayed (forced)") } == [false, true])
            }
            #expect(spp.tickets.count == 2)
        }
    }

    @Test func eventsAreFilteredAndPaged() async throws {
        let spp = FakeSPP()
        try await spp.serve { url in
            let gateway = try Self.gateway(url, spp: spp)
            try await gateway.run { client in
                var ids: [EventID] = []
                for topic in ["Refund please", "Question", "Invoice copy", "Hello"] {
                    let id = try #require(try await client.postHook(body: Self.form.replacingOccurrences(of: "Question", with: topic)).eventID)
                    _ = try await gateway.finalDeliveries(of: id)
                    ids.append(id)
                }
                let billing = try await client.admin("/admin/events?rule=billing").decode(EventPage.self)
                #expect(Set(billing.events.map(\.id)) == [ids[0], ids[2]])
                #expect(billing.events.allSatisfy { $0.matchedRules == ["billing"] })

                let firstPage = try await client.admin("/admin/events?limit=3").decode(EventPage.self)
                #expect(firstPage.events.map(\.id) == Array(ids.reversed().prefix(3)))
                let cursor = try #require(firstPage.next)
                let secondPage = try await client.admin("/admin/events?limit=3&cursor=\(cursor)").decode(EventPage.self)
                #expect(secondPage.events.map(\.id) == [ids[0]])
                #expect(secondPage.next == nil)
                #expect(firstPage.previous == nil && firstPage.total == nil)
                let back = try #require(secondPage.previous)
                let newer = try await client.admin("/admin/events?limit=3&newer=\(back)&count=true").decode(EventPage.self)
                #expect(newer.events.map(\.id) == firstPage.events.map(\.id))
                #expect(newer.previous == nil)
                #expect(newer.total == EventTotal(count: 4, more: false))

                #expect(try await client.admin("/admin/events?source=elsewhere").decode(EventPage.self).events.isEmpty)
                #expect(try await client.admin("/admin/events?status=delivered&destination=spp").decode(EventPage.self).events.count == 4)
                #expect(try await client.admin("/admin/events?status=sideways").status == .badRequest)
                #expect(try await client.admin("/admin/events?since=yesterday").status == .badRequest)
                let shown = try await client.admin("/admin/events/\(ids[0])").decode(EventReport.self)
                #expect(shown.audit.contains { $0.record.stage == .vendorCall })
                #expect(try await client.admin("/admin/events/no-such-event").status == .notFound)
            }
        }
    }

    @Test func anOperatorPausesAndResumesADestination() async throws {
        let spp = FakeSPP()
        try await spp.serve { url in
            let gateway = try Self.gateway(url, spp: spp)
            try await gateway.run { client in
                let paused = try await client.admin("/admin/destinations/spp/pause", method: .post).decode(DestinationList.self)
                #expect(paused.destinations.first?.paused?.reason == "operator")
                let id = try #require(try await client.postHook(body: Self.form).eventID)
                let listed = try await client.admin("/admin/destinations").decode(DestinationList.self)
                #expect(listed.destinations.first?.deliveries == ["pending": 1])
                #expect(spp.requests.isEmpty)

                let resumed = try await client.admin("/admin/destinations/spp/resume", method: .post).decode(DestinationList.self)
                #expect(resumed.destinations.first?.paused == nil)
                #expect(try await gateway.finalDeliveries(of: id).map(\.status) == [.delivered])
                #expect(try await client.admin("/admin/destinations/nowhere/pause", method: .post).status == .notFound)
            }
        }
    }
}

extension TestClientProtocol {
    /// A request to the admin API with the bearer token.
    func admin(_ uri: String, method: HTTPRequest.Method = .get, token: String = AdminAPITests.token) async throws -> TestResponse {
        var headers = HTTPFields()
        headers[.authorization] = "Bearer \(token)"
        return try await execute(uri: uri, method: method, headers: headers)
    }
}

extension TestResponse {
    /// The body decoded as the admin API encodes it.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard status.code < 300 || status == .conflict else { throw HarnessError("the admin API answered \(status): \(String(buffer: body))") }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: Data(body.readableBytesView))
    }
}
