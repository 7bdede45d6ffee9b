import Foundation
import Testing
import TicketGateCore
import TicketGateInbound
import TicketGateRules
import TicketGateVendors

/// A rule's `fallback`: when the delivery to its destination fails for good or dead-letters, the ticket goes
/// to the fallback destination instead, and the audit says so.
@Suite struct FallbackTests {
    static func rules(primary: String, backup: String) -> String {
        """
        sources:
          website:
            kind: form
            verify: { scheme: hmac-sha256, header: X-Signature, encoding: hex, prefix: "sha256=", secrets: ["${WEBSITE_SECRET}"] }
            fields: { email: from, name: full_name, subject: topic, message: body }
        destinations:
          primary: { vendor: spp, url: "\(primary)", token: "spp-test-token" }
          backup: { vendor: spp, url: "\(backup)", token: "spp-test-token" }
        defaults:
          destination: primary
        rules:
          - name: everything
            when: { source: website }
            set: { fallback: backup, assignee: 17, tags: [web] }
        """
    }

    static let body = #"{"from":"jane@example.com","topic":"Need help","body":"The primary helpdesk is down."}"#

    @Test func aDeadLetterGoesToTheFallbackDestination() async throws {
        let primary = FakeSPP()
        let backup = FakeSPP()
        for _ in 0..<2 {
            primary.script("GET", "/api/clients", .init(status: 503, body: #"{"message":"Service Unavailable"}"#))
        }
        try await primary.serve { primaryURL in
            try await backup.serve { backupURL in
                let gateway = try GatewayHarness(
                    rules: Self.rules(primary: primaryURL, backup: backupURL), environment: TestRules.environment, retry: .immediate(maxAttempts: 2),
                    adminToken: AdminAPITests.token)
                let (id, deliveries) = try await gateway.run { client in
                    let accepted = try await client.postHook(body: Self.body)
                    let id = try #require(accepted.eventID)
                    let final = try await gateway.delivery(of: id) { $0.destination == "backup" && $0.status.isFinal }
                    // The event has its ticket at the fallback: a replay does not open another at the primary.
                    let replay = try await client.admin("/admin/events/\(id)/replay", method: .post)
                    #expect(replay.status == .conflict)
                    return (id, [final])
                }
                #expect(deliveries.map(\.status) == [.delivered])
                // Counted at the vendors: nothing at the primary, one ticket at the backup.
                #expect(primary.tickets.isEmpty)
                #expect(backup.tickets.map(\.subject) == ["Need help"])
                #expect(backup.tickets.first?.tags == ["web"])
                // The assignee was chosen for the primary helpdesk; the backup does not get it.
                #expect(backup.tickets.first?.employees == [])
                let report = try await gateway.report(id)
                #expect(report.deliveries.map(\.destination) == ["primary", "backup"])
                #expect(report.deliveries.map(\.status) == [.dead, .delivered])
                let fallback = try #require(report.audit.first { $0.record.stage == .fallback })
                #expect(fallback.record.detail["fallback"] == .string("backup"))
            }
        }
    }

    @Test func aPermanentRefusalGoesToTheFallbackToo() async throws {
        let primary = FakeSPP()
        let backup = FakeSPP()
        primary.script("POST", "/api/tickets", .init(status: 400, body: #"{"message":"The given data was invalid."}"#))
        try await primary.serve { primaryURL in
            try await backup.serve { backupURL in
                let gateway = try GatewayHarness(rules: Self.rules(primary: primaryURL, backup: backupURL), environment: TestRules.environment)
                let id = try await gateway.run { client in
                    let accepted = try await client.postHook(body: Self.body)
                    let id = try #require(accepted.eventID)
                    _ = try await gateway.delivery(of: id) { $0.destination == "backup" && $0.status.isFinal }
                    return id
                }
                let report = try await gateway.report(id)
                #expect(report.deliveries.map(\.status) == [.failed, .delivered])
                #expect(backup.tickets.count == 1)
            }
        }
    }

    @Test func aDeliveredEventNeverReachesTheFallback() async throws {
        let primary = FakeSPP()
        let backup = FakeSPP()
        try await primary.serve { primaryURL in
            try await backup.serve { backupURL in
                let gateway = try GatewayHarness(rules: Self.rules(primary: primaryURL, backup: backupURL), environment: TestRules.environment)
                let (id, deliveries) = try await gateway.deliverAll(Self.body)
                #expect(deliveries.map(\.destination) == ["primary"])
                #expect(deliveries.map(\.status) == [.delivered])
                #expect(backup.requests.isEmpty)
                #expect(try await gateway.report(id).audit.allSatisfy { $0.record.stage != .fallback })
            }
        }
    }

    @Test func checkRefusesAFallbackThatCannotOpenATicket() {
        let text = """
            sources:
              web: { kind: form, verify: { scheme: none } }
            destinations:
              spp: { vendor: spp, url: "https://acme.spp.co", token: "t" }
              init: { vendor: initdesk, url: "https://api.initdesk.com", token: "t", organization: 42 }
              omni: { vendor: omnidesk, url: "https://acme.omnidesk.com", api_key: "k" }
            defaults:
              destination: spp
            rules:
              - name: to-initdesk
                when: { subject: a }
                set: { fallback: init }
              - name: to-omnidesk
                when: { subject: b }
                set: { fallback: omni }
              - name: to-nowhere
                when: { subject: c }
                set: { fallback: spq }
            """
        let (_, problems) = RulesLoader(environment: [:], formats: InboundFormats.supported, vendors: VendorRegistry.profiles).compile([
            RulesFile(path: "rules.yml", contents: text)
        ])
        let errors = problems.filter { $0.severity == .error }.map(\.description)
        #expect(errors.contains { $0.contains("rule 'to-initdesk' falls back to init, but Initdesk can only answer existing tickets") })
        #expect(errors.contains { $0.contains("rule 'to-omnidesk' falls back to omni, and Omnidesk needs a brand") })
        #expect(errors.contains { $0.contains("unknown destination 'spq' (did you mean 'spp'?)") })
    }
}
