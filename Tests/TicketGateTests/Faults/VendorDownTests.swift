import Foundation
import Testing
import TicketGateCore

@testable import TicketGateServer

/// A helpdesk that answers 502 for longer than the retry schedule lasts: the delivery ends dead with the reason
/// (in the store, the audit and a warning in the log), nothing is sent twice, and once the helpdesk is back an
/// operator's retry delivers it.
@Suite struct VendorDownTests {
    static let form = #"{"from":"jane@example.com","full_name":"Jane Doe","topic":"Question","body":"Where is my order?"}"#
    static let adminToken = "vendor-down-admin-token"

    @Test func aVendorDownPastTheScheduleEndsDeadWithTheReasonAndARetryDeliversItAfter() async throws {
        let spp = FakeSPP()
        for _ in 0..<3 {
            spp.script("GET", "/api/clients", .init(status: 502, body: "Bad Gateway"))
        }
        try await spp.serve { url in
            let gateway = try GatewayHarness(
                rules: TestRules.website(sppURL: url, token: spp.token), environment: TestRules.environment, retry: .immediate(maxAttempts: 3),
                adminToken: Self.adminToken)
            try await gateway.run { client in
                let id = try #require(try await client.postHook(body: Self.form).eventID)
                let dead = try await gateway.delivery(of: id) { $0.status == .dead }
                #expect(dead.attempts == 3)
                #expect(dead.lastFailure?.reason == .serverError)
                #expect(spp.tickets.isEmpty)
                #expect(
                    gateway.logs.all.contains {
                        $0.hasPrefix("warning delivery attempt finished") && $0.contains("tg.delivery.status=dead")
                            && $0.contains("tg.delivery.reason=server_error")
                    }, "a dead delivery is a warning with its reason")

                // The helpdesk is back (its script of failures is spent); the operator retries.
                let retried = try await client.admin("/admin/deliveries/\(dead.id)/retry", method: .post, token: Self.adminToken)
                #expect(retried.status == .ok)
                let delivered = try await gateway.delivery(of: id) { $0.status == .delivered }
                #expect(delivered.attempts == 1)
                #expect(spp.tickets.count == 1)
                #expect(spp.messages.count == 1)
            }
        }
    }
}
