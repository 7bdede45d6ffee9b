import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TicketGateCore

@testable import TicketGateServer

/// `GET /metrics` is Prometheus text that the reference parser accepts, and its counters move as events go
/// through: received by outcome, verification failures, decisions and rule matches, deliveries, the attempt
/// and latency histograms, and the outbox gauges.
@Suite(.enabled(if: PythonModules.prometheus.isAvailable, PythonModules.prometheus.skipReason)) struct MetricsTests {
    static let form = #"{"from":"jane@example.com","full_name":"Jane Doe","topic":"Refund for invoice 7","body":"Charged twice."}"#

    static func scrape(_ client: some TestClientProtocol) async throws -> [String: Double] {
        let response = try await client.execute(uri: "/metrics", method: .get)
        #expect(response.status == .ok)
        #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
        return try await PrometheusText.parse(String(buffer: response.body))
    }

    @Test func countersMoveAsEventsGoThrough() async throws {
        let spp = FakeSPP()
        try await spp.serve { url in
            let gateway = try GatewayHarness(rules: TestRules.website(sppURL: url, token: spp.token), environment: TestRules.environment)
            try await gateway.run { client in
                let before = try await Self.scrape(client)
                let id = try #require(try await client.postHook(body: Self.form).eventID)
                #expect(try await gateway.finalDeliveries(of: id).map(\.status) == [.delivered])
                let refused = try await client.postHook(body: Self.form, signature: "sha256=" + String(repeating: "0", count: 64))
                #expect(refused.status == .unauthorized)
                let after = try await Self.scrape(client)

                func moved(_ key: String) -> Double { (after[key] ?? 0) - (before[key] ?? 0) }
                #expect(moved(#"ticketgate_events_received_total{outcome="accepted",source="website"}"#) == 1)
                #expect(moved(#"ticketgate_events_received_total{outcome="refused",source="website"}"#) == 1)
                #expect(moved(#"ticketgate_verification_failures_total{reason="signature-mismatch",source="website"}"#) == 1)
                #expect(moved(#"ticketgate_decisions_total{outcome="deliver"}"#) == 1)
                #expect(moved(#"ticketgate_rule_matches_total{rule="billing"}"#) == 1)
                #expect(moved(#"ticketgate_deliveries_total{destination="spp",outcome="delivered",reason="none"}"#) == 1)
                #expect(moved(#"ticketgate_delivery_attempt_duration_seconds_count{destination="spp"}"#) == 1)
                #expect(moved(#"ticketgate_delivery_latency_seconds_count{destination="spp"}"#) == 1)
                #expect(after[#"ticketgate_outbox_due{}"#] == 0)
                #expect(after[#"ticketgate_outbox_oldest_due_age_seconds{}"#] == 0)
                #expect(after[#"ticketgate_destination_paused{destination="spp"}"#] == 0)
            }
        }
    }

    /// A delivery the vendor refuses for good waits on an operator: the gauge counts it under its destination and
    /// status from the next scrape, and is zero before.
    @Test func deliveriesWaitingOnAnOperatorAreAGauge() async throws {
        let spp = FakeSPP()
        spp.script("POST", "/api/tickets", .init(status: 422, body: #"{"message":"The subject is invalid."}"#))
        try await spp.serve { url in
            let gateway = try GatewayHarness(rules: TestRules.website(sppURL: url, token: spp.token), environment: TestRules.environment)
            try await gateway.run { client in
                let before = try await Self.scrape(client)
                #expect(before[#"ticketgate_deliveries_waiting_on_operator{destination="spp",status="failed"}"#] == 0)
                let id = try #require(try await client.postHook(body: Self.form).eventID)
                #expect(try await gateway.finalDeliveries(of: id).map(\.status) == [.failed])
                let after = try await Self.scrape(client)
                #expect(after[#"ticketgate_deliveries_waiting_on_operator{destination="spp",status="failed"}"#] == 1)
                #expect(after[#"ticketgate_deliveries_waiting_on_operator{destination="spp",status="dead"}"#] == 0)
            }
        }
    }

    @Test func seriesCarryTheirNamesAndHelp() throws {
        let metrics = GatewayMetrics()
        metrics.rulesReloaded(result: "applied")
        metrics.eventReceived(source: "website", outcome: "accepted")
        let text = metrics.exposition()
        #expect(text.contains("# HELP ticketgate_rules_reloads_total Rules reloads by result: applied, unchanged or refused.\n"))
        #expect(text.contains("# TYPE ticketgate_rules_reloads_total counter\n"))
        #expect(text.contains(#"ticketgate_rules_reloads_total{result="applied"} 1"#))
        #expect(text.contains("# HELP ticketgate_events_received_total Inbound requests on each source, by outcome:"))
    }
}
