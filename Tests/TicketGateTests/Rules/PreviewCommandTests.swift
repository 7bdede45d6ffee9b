import Foundation
import Testing
import TicketGateCore

@testable import TicketGateServer

/// `ticketgate preview` over events a running gateway stored, on each store: it names exactly the events whose
/// decision changes under the new rules, as deciding each event's payload one by one under both rule sets
/// says, groups them by what changes, and `--fail-on-change` exits 1 on a change and 0 on none.
@Suite struct PreviewCommandTests {
    static func rules(_ rules: String) -> String {
        """
        sources:
          website:
            kind: form
            format: generic
            verify: { scheme: hmac-sha256, header: X-Signature, prefix: "sha256=", secrets: ["${WEBSITE_SECRET}"] }
            fields: { email: from, name: full_name, subject: topic, message: body }
        destinations:
          spp: { vendor: spp, url: "http://127.0.0.1:9", token: "" }
          finance: { vendor: spp, url: "http://127.0.0.1:9", token: "" }
        defaults: { destination: spp, tags: [inbound] }
        rules:
        \(rules)
        """
    }

    /// The rules in force when the events arrive.
    static let before = rules(
        """
          - name: spam
            when: { body: { contains: [casino] } }
            drop: spam keywords
          - name: billing
            when: { subject: { contains: [invoice] } }
            set: { tags: [billing] }
          - name: enterprise
            when: { fields.plan: enterprise }
            set: { tags: [vip], assignee: 4 }
        """)

    /// The change under review: billing (now also refunds) goes to finance, and lottery mail is spam too.
    static let after = rules(
        """
          - name: spam
            when: { body: { contains: [casino, lottery] } }
            drop: spam keywords
          - name: billing
            when: { subject: { contains: [invoice, refund] } }
            set: { destination: finance, tags: [billing] }
          - name: enterprise
            when: { fields.plan: enterprise }
            set: { tags: [vip], assignee: 4 }
        """)

    static func payload(_ random: inout SeededRandom, _ index: Int) -> String {
        let subjects = ["Invoice \(index)", "Refund for order \(index)", "Hello \(index)", "Login fails \(index)"]
        let bodies = ["Please help.", "You won the lottery!", "Visit our casino.", "It broke again."]
        var object = [
            "from": "customer\(index)@example.com", "full_name": "Customer \(index)",
            "topic": subjects.randomElement(using: &random) ?? "", "body": bodies.randomElement(using: &random) ?? "",
        ]
        if Bool.random(using: &random) { object["plan"] = "enterprise" }
        return String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test(arguments: StoreKind.available)
    func previewNamesExactlyTheEventsWhoseDecisionChanges(kind: StoreKind) async throws {
        let seed = try TestSeed.next()
        var random = SeededRandom(seed: seed)
        let directory = try TemporaryDirectory()
        let beforeRules = (try directory.write("before/rules.yml", Self.before) as NSString).deletingLastPathComponent
        let afterRules = (try directory.write("after/rules.yml", Self.after) as NSString).deletingLastPathComponent
        let database =
            switch kind {
            case .sqlite: "sqlite:" + directory.file("data/ticketgate.sqlite")
            case .postgres: try await PostgresServer.makeDatabase().description
            }
        let gateway = try GatewayProcess(
            arguments: ["serve", "--rules", beforeRules, "--database", database, "--port", "0"], environment: TestRules.environment)
        let port = try await gateway.listeningPort()
        var payloads: [String: String] = [:]
        for index in 0..<40 {
            let body = Self.payload(&random, index)
            payloads[try await GatewayCluster.post(body, port: port).id] = body
        }

        // Each payload decided one by one, under the rules it arrived under and under the new ones.
        func decide(_ body: String, under rules: String) async throws -> RoutedDecision {
            try await OfflineRules.with(directory: rules, environment: TestRules.environment) { offline in
                let received = try offline.receive(
                    source: "website", body: Data(body.utf8), headers: [("Content-Type", "application/json")], verifying: false)
                return RoutedDecision(offline.rules.ruleSet.decide(received.event))
            }
        }
        var expected: Set<String> = []
        for (id, body) in payloads where try await decide(body, under: beforeRules) != decide(body, under: afterRules) {
            expected.insert(id)
        }

        let environment = TestRules.environment
        let previewed = try await TicketGateCommand.run(
            ["preview", "--rules", afterRules, "--database", database, "--json", "--fail-on-change"], environment: environment)
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(previewed.output.utf8)) as? [String: Any], "\(seed): \(previewed.output)")
        let events = try #require(report["events"] as? [[String: Any]])
        #expect(Set(events.compactMap { $0["id"] as? String }) == expected, "\(seed)")
        #expect(report["read"] as? Int == 40)
        #expect(previewed.status == (expected.isEmpty ? 0 : 1), "\(seed)")
        let groups = try #require(report["groups"] as? [[String: Any]])
        #expect(groups.compactMap { $0["count"] as? Int }.reduce(0, +) == expected.count)
        let possible: Set<String> = [
            "destination finance instead of spp", "destination finance instead of spp; tags [billing, inbound] instead of [inbound]",
            // A refund from an enterprise customer: billing now matches first and stops, so the VIP settings go.
            "destination finance instead of spp; assignee none instead of 4; tags [billing, inbound] instead of [inbound, vip]",
            "dropped (spam keywords) instead of delivered to spp",
        ]
        for group in groups {
            let change = try #require(group["change"] as? String)
            #expect(possible.contains(change), "\(seed): \(change)")
            // Each group names the rules that decide its events now: billing for the rerouted, spam for the dropped.
            #expect(group["rulesNow"] as? [String] == (change.hasPrefix("dropped") ? ["spam"] : ["billing"]), "\(seed): \(group)")
        }

        let text = try await TicketGateCommand.run(["preview", "--rules", afterRules, "--database", database], environment: environment)
        #expect(text.status == 0)
        #expect(text.output.contains("read 40 events under rules "), "\(text.output)")
        if !expected.isEmpty {
            #expect(text.output.contains("\(expected.count) would be decided differently"), "\(seed): \(text.output)")
            #expect(text.output.contains(#/events?: .+ instead of .+ \(now rule (billing|spam)\)\n/#), "\(seed): \(text.output)")
        }

        let unchanged = try await TicketGateCommand.run(
            ["preview", "--rules", beforeRules, "--database", database, "--fail-on-change", "--limit", "25"], environment: environment)
        #expect(unchanged.status == 0)
        #expect(unchanged.output.hasSuffix("none would be decided differently\n"), "\(unchanged.output)")
        #expect(unchanged.output.contains("read 25 events"))
        gateway.signal(SIGTERM)
        #expect(try await gateway.exitStatus() == 0)
    }

    @Test func aSinceThatIsNotADurationIsRefused() async throws {
        let directory = try TemporaryDirectory()
        let rules = (try directory.write("rules/rules.yml", Self.before) as NSString).deletingLastPathComponent
        let result = try await TicketGateCommand.run(
            ["preview", "--rules", rules, "--database", "sqlite:" + directory.file("none.sqlite"), "--since", "last week"],
            environment: TestRules.environment)
        #expect(result.status == 1)
        #expect(result.output.contains("--since takes a duration such as 90m, 24h or 7d, found 'last week'"))
    }
}
