import Foundation
import Testing
import TicketGateCore

@testable import TicketGateServer

@Suite struct HealthAndLogTests {
    @Test func healthAndReadiness() async throws {
        let gateway = try GatewayHarness(rules: TestRules.website(sppURL: "http://127.0.0.1:9", token: nil), environment: TestRules.environment)
        try await gateway.run { client in
            let health = try await client.execute(uri: "/healthz", method: .get)
            let readiness = try await client.execute(uri: "/readyz", method: .get)
            #expect(health.status == .ok)
            #expect(readiness.status == .ok)
        }
    }

    /// Secrets, signatures and message bodies never reach the log, whatever the outcome.
    @Test func logsHoldNoSecretSignatureOrBody() async throws {
        let spp = FakeSPP()
        spp.script("POST", "/api/tickets", .init(status: 400, body: #"{"message":"Refused: Private detail in the body"}"#))
        try await spp.serve { url in
            let gateway = try GatewayHarness(rules: TestRules.website(sppURL: url, token: spp.token), environment: TestRules.environment)
            let body = #"{"from":"jane@example.com","topic":"Secret subject line","body":"My card number is 4111"}"#
            let signature = Signing.header(body, secret: GatewayHarness.secret)
            try await gateway.run { client in
                let accepted = try await client.postHook(body: body)
                let id = try #require(accepted.eventID)
                _ = try await gateway.finalDeliveries(of: id)
                #expect(try await client.postHook(body: body, signature: "sha256=00").status == .unauthorized)
            }
            let log = gateway.logs.all.joined(separator: "\n")
            #expect(log.contains("event accepted"))
            #expect(log.contains("inbound request refused"))
            for leak in [GatewayHarness.secret, spp.token, signature, "My card number", "Secret subject line", "jane@example.com"] {
                #expect(!log.contains(leak), "the log holds \(leak)")
            }
        }
    }
}
