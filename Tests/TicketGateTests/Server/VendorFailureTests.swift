import Foundation
import Testing
import TicketGateCore

@testable import TicketGateServer

/// What the gateway does when SPP fails: retry what may succeed later, fail what never will, and say why.
@Suite struct VendorFailureTests {
    static let form = #"{"from":"jane@example.com","full_name":"Jane Doe","topic":"Question","body":"Where is my order?"}"#

    @Test func serviceUnavailableIsRetriedThenDeliveredWithoutASecondClient() async throws {
        let spp = FakeSPP()
        spp.script("POST", "/api/tickets", .init(status: 503, body: #"{"message":"Service Unavailable"}"#, headers: ["Retry-After": "0"]))
        try await spp.serve { url in
            let gateway = try GatewayHarness(rules: TestRules.website(sppURL: url, token: spp.token), environment: TestRules.environment)
            let (id, delivery) = try await gateway.deliver(Self.form)

            #expect(delivery.status == .delivered)
            #expect(delivery.attempts == 2)
            // The second attempt resumes after the client the first one created: no second lookup, no second client.
            // It looks for a ticket the failed create may have made before it creates one.
            #expect(
                spp.requests.map { "\($0.method) \($0.path)" } == [
                    "GET /api/clients", "POST /api/clients", "POST /api/tickets", "GET /api/tickets", "POST /api/tickets",
                    "POST /api/ticket_messages/\(spp.tickets.first?.id ?? 0)",
                ])
            #expect(spp.clients.count == 1)
            #expect(spp.tickets.count == 1)
            #expect(spp.messages.count == 1)

            let audit = try await gateway.report(id).audit.map(\.record)
            let retry = try #require(audit.first { $0.stage == .retryScheduled })
            #expect(retry.detail["reason"] == "server_error")
            #expect(retry.summary.contains("SPP answered 503 to POST /api/tickets"))
            #expect(audit.last?.stage == .delivered)
        }
    }

    /// SPP's 429 with a two-minute `Retry-After` holds the destination: the next event's delivery has no turn
    /// soon, waits without using up an attempt, and says so in the log at `info`, with its reason.
    @Test func aDeliveryDeferredByTheVendorsRateLimitIsLoggedAtInfo() async throws {
        let spp = FakeSPP()
        spp.script("POST", "/api/tickets", .init(status: 429, body: #"{"message":"Too Many Attempts."}"#, headers: ["Retry-After": "120"]))
        try await spp.serve { url in
            let gateway = try GatewayHarness(rules: TestRules.website(sppURL: url, token: spp.token), environment: TestRules.environment)
            try await gateway.run { client in
                let first = try #require(try await client.postHook(body: Self.form).eventID)
                _ = try await gateway.logs.lines.first(within: .seconds(30)) { $0.contains("tg.delivery.outcome=retry") }
                let second = try #require(try await client.postHook(body: Self.form.replacingOccurrences(of: "Where", with: "When")).eventID)
                let deferred = try await gateway.logs.lines.first(within: .seconds(30)) {
                    $0.contains("delivery attempt finished") && $0.contains("tg.event.id=\(second)")
                }
                #expect(deferred.hasPrefix("info delivery attempt finished"), "\(deferred)")
                #expect(deferred.contains("tg.delivery.outcome=deferred"))
                #expect(deferred.contains("tg.delivery.reason=rate_limited"))
                #expect(first != second)
            }
            #expect(spp.tickets.isEmpty)
        }
    }

    @Test func badRequestFailsPermanentlyWithTheVendorsMessageInTheAudit() async throws {
        let spp = FakeSPP()
        let refusal = #"{"message":"The given data was invalid.","errors":{"subject":["The subject may not be greater than 255 characters."]}}"#
        spp.script("POST", "/api/tickets", .init(status: 400, body: refusal))
        try await spp.serve { url in
            let gateway = try GatewayHarness(rules: TestRules.website(sppURL: url, token: spp.token), environment: TestRules.environment)
            let (id, delivery) = try await gateway.deliver(Self.form)

            #expect(delivery.status == .failed)
            #expect(delivery.attempts == 1)
            #expect(delivery.lastFailure?.reason == .rejected)
            #expect(spp.tickets.isEmpty)
            #expect(spp.requests.filter { $0.path == "/api/tickets" }.count == 1)

            let audit = try await gateway.report(id).audit.map(\.record)
            let failed = try #require(audit.last)
            #expect(failed.stage == .failed)
            #expect(failed.summary.contains("The given data was invalid."))
            #expect(failed.summary.contains("subject: The subject may not be greater than 255 characters."))
            let call = try #require(audit.last { $0.stage == .vendorCall })
            #expect(call.detail["status"] == 400)
            #expect(call.detail["error"]?.scalarText == refusal)
            // A refusal for good waits for an operator: a warning, with the reason.
            #expect(
                gateway.logs.all.contains {
                    $0.hasPrefix("warning delivery attempt finished") && $0.contains("tg.delivery.status=failed")
                        && $0.contains("tg.delivery.reason=rejected")
                })
        }
    }

    @Test func retryableFailureOnEveryAttemptEndsDeadWithItsReason() async throws {
        let spp = FakeSPP()
        for _ in 0..<3 {
            spp.script("GET", "/api/clients", .init(status: 502, body: "Bad Gateway"))
        }
        try await spp.serve { url in
            let gateway = try GatewayHarness(
                rules: TestRules.website(sppURL: url, token: spp.token),
                environment: TestRules.environment,
                retry: .immediate(maxAttempts: 3)
            )
            let (id, delivery) = try await gateway.deliver(Self.form)

            #expect(delivery.status == .dead)
            #expect(delivery.attempts == 3)
            #expect(delivery.lastFailure?.reason == .serverError)
            let stages = try await gateway.report(id).audit.map(\.record.stage)
            #expect(stages.filter { $0 == .retryScheduled }.count == 2)
            #expect(stages.last == .dead)
        }
    }
}
