import Foundation
import Testing
import TicketGateCore

/// A vendor that refuses the credential (401, 403) pauses its destination: the events wait, no attempt is
/// used up and nothing fails, until a probe gets through or the operator reloads the rules.
@Suite struct DestinationPauseTests {
    static let form = #"{"from":"jane@example.com","full_name":"Jane Doe","topic":"Question","body":"Where is my order?"}"#

    static func isWaitingForTheCredential(_ delivery: DeliverySummary) -> Bool {
        delivery.status == .pending && delivery.lastFailure?.reason == .unauthorized
    }

    @Test func aRefusedCredentialPausesTheDestinationUntilAProbeGetsThrough() async throws {
        let spp = FakeSPP(token: "revoked-token")
        try await spp.serve { url in
            let gateway = try GatewayHarness(
                rules: TestRules.website(sppURL: url, token: "rotated-token"), environment: TestRules.environment, probeInterval: .milliseconds(200))
            try await gateway.run { client in
                let first = try #require(try await client.postHook(body: Self.form).eventID)
                let paused = try await gateway.delivery(of: first, where: Self.isWaitingForTheCredential)
                #expect(paused.attempts == 0)
                let second = try #require(try await client.postHook(body: Self.form.replacingOccurrences(of: "Where", with: "When")).eventID)

                // The vendor accepts the token again; the next probe gets through and the destination resumes.
                spp.accept(token: "rotated-token")
                let firstDelivery = try #require(try await gateway.finalDeliveries(of: first).first)
                let secondDelivery = try #require(try await gateway.finalDeliveries(of: second).first)
                #expect(firstDelivery.status == .delivered)
                #expect(secondDelivery.status == .delivered)
                // Waiting used up no attempts: each delivery took exactly the one that succeeded.
                #expect(firstDelivery.attempts == 1)
                #expect(secondDelivery.attempts == 1)
                let audit = try await gateway.report(first).audit.map(\.record)
                #expect(audit.first { $0.stage == .paused }?.summary.contains("refused the credential") == true)
                #expect(!audit.contains { $0.stage == .failed || $0.stage == .dead })
            }
            #expect(gateway.logs.all.contains { $0.contains("destination paused") })
            #expect(gateway.logs.all.contains { $0.contains("destination resumed") })
            #expect(spp.tickets.count == 2)
        }
    }

    @Test func reloadingTheRulesResumesAPausedDestination() async throws {
        let spp = FakeSPP(token: "revoked-token")
        try await spp.serve { url in
            let rules = TestRules.website(sppURL: url, token: "rotated-token")
            let gateway = try GatewayHarness(rules: rules, environment: TestRules.environment, rulesPollInterval: .milliseconds(50))
            try await gateway.run { client in
                let event = try #require(try await client.postHook(body: Self.form).eventID)
                _ = try await gateway.delivery(of: event, where: Self.isWaitingForTheCredential)
                // The probe is an hour away; the operator fixes the vendor side and reloads the rules.
                spp.accept(token: "rotated-token")
                try gateway.directory.write("rules/rules.yml", rules + "\n# credential rotated\n")
                let delivery = try #require(try await gateway.finalDeliveries(of: event).first)
                #expect(delivery.status == .delivered)
                #expect(delivery.attempts == 1)
            }
            #expect(gateway.logs.all.contains { $0.contains("destination resumed") && $0.contains("rules reloaded") })
        }
    }
}
