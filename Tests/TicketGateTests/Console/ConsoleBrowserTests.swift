import Foundation
import Testing
import TicketGateCore

/// The console in Debian's chromium (Python's playwright, `Tests/Browser/console_browser_test.py`) against
/// `ticketgate serve` on each store with the strict fake SPP: sign-in, a filtered list paged both ways with its
/// total, every time in UTC and named, an event's rule trace, a failed call's request and response bodies, a
/// replay refused then forced, dead letters with their last attempt retried one by one and all at once (counted
/// here, at the vendor), dry runs counted, coloured and filtered apart from deliveries, destination URLs without
/// their credentials, pause and resume, the defaults and the playground, auto-refresh on and off, an escaped
/// attack in a subject, a cross-site form refused, sign-out. The browser saves a screenshot of each page under
/// `.build/console-screenshots/<store>/`.
@Suite(.enabled(if: BrowserSuite.isAvailable, BrowserSuite.skipReason))
struct ConsoleBrowserTests {
    static let failedSubject = "Broken-order"

    /// The test rules with a second destination, `archive`, in dry run (its URL carries credentials the console
    /// must not show), where a rule sends trial questions.
    static func rules(sppURL: String, token: String) -> String {
        TestRules.website(sppURL: sppURL, token: token)
            .replacingOccurrences(
                of: "\ndefaults:",
                with:
                    "\n  archive:\n    vendor: spp\n    url: \"https://robot:hunter2@archive.example.com/api?key=abc\"\n    token: \"\"\n\ndefaults:")
            + "\n  - name: trial\n    when: { subject: { contains: [trial] } }\n    set: { destination: archive }\n"
    }

    static func form(_ subject: String, body: String = "Hello") -> String {
        let object = ["from": "jane@example.com", "full_name": "Jane Doe", "topic": subject, "body": body]
        return String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test(arguments: StoreKind.available)
    func theConsoleWorksInABrowser(kind: StoreKind) async throws {
        let spp = FakeSPP()
        // The first two tickets are refused for good: their deliveries fail and wait for an operator.
        for _ in 0..<2 {
            spp.script("POST", "/api/tickets", .init(status: 422, body: #"{"message":"The given data was invalid."}"#))
        }
        try await spp.serve { url in
            let directory = try TemporaryDirectory()
            let rulesDirectory = (try directory.write("rules/rules.yml", Self.rules(sppURL: url, token: spp.token)) as NSString)
                .deletingLastPathComponent
            let database =
                switch kind {
                case .sqlite: "sqlite:" + directory.file("data/ticketgate.sqlite")
                case .postgres: try await PostgresServer.makeDatabase().description
                }
            let gateway = try GatewayProcess(
                arguments: ["serve", "--rules", rulesDirectory, "--database", database, "--port", "0"],
                environment: TestRules.environment.merging(["TICKETGATE_ADMIN_TOKEN": GatewayCluster.adminToken]) { _, new in new })
            let port = try await gateway.listeningPort()

            var failedEvents: [String] = []
            for index in 1...2 {
                failedEvents.append(try await GatewayCluster.post(Self.form("\(Self.failedSubject) \(index)"), port: port).id)
            }
            try await Self.waitForAttempts(2, status: "failed", in: gateway)
            let dryRun = try await GatewayCluster.post(Self.form("A trial question"), port: port).id
            try await Self.waitForAttempts(1, status: "dry_run", in: gateway)
            let routed = try await GatewayCluster.post(Self.form("A refund for my invoice"), port: port).id
            let xss = try await GatewayCluster.post(Self.form("<img src=x onerror=alert(1)>"), port: port).id
            try await Self.waitForAttempts(2, status: "delivered", in: gateway)
            #expect(spp.tickets.count == 2)

            let output = try await BrowserSuite.run([
                "url": "http://127.0.0.1:\(port)", "token": GatewayCluster.adminToken,
                "screenshots": PackagePaths.root.appendingPathComponent(".build/console-screenshots/\(kind.rawValue)").path,
                "routed": routed, "xss": xss, "failedSubject": Self.failedSubject, "failedEvent": failedEvents[0], "dryRun": dryRun,
                // The rules with billing sent to the archive: the preview names the one billing event.
                "changedRules": Self.rules(sppURL: url, token: spp.token).replacingOccurrences(
                    of: #"set: { tags: [billing], assignee: 17, note: "Billing queue" }"#,
                    with: #"set: { destination: archive, tags: [billing], assignee: 17, note: "Billing queue" }"#),
            ])
            #expect(output.contains("every check held"))

            // The forced replay and both retries from the console reached SPP (the replay a second ticket for the
            // attack's event), and each event's audit says where they came from.
            try await Self.waitForAttempts(3, status: "delivered", in: gateway)
            let subjects = [
                "<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>", "A refund for my invoice", "Broken-order 1", "Broken-order 2",
            ]
            #expect(spp.tickets.map(\.subject).sorted() == subjects.sorted())
            let replayed = try await GatewayCluster.admin(.GET, "/admin/events/\(xss)", port: port, as: EventReport.self)
            #expect(replayed.audit.contains { $0.record.stage == .replayed && $0.record.summary.contains("(forced) from the console") })
            let failed = try await GatewayCluster.admin(.GET, "/admin/events?text=\(Self.failedSubject)", port: port, as: EventPage.self)
            #expect(failed.events.count == 2)
            for event in failed.events {
                #expect(event.deliveries.map(\.status) == [.delivered])
                let report = try await GatewayCluster.admin(.GET, "/admin/events/\(event.id.rawValue)", port: port, as: EventReport.self)
                #expect(report.audit.contains { $0.record.stage == .requeued && $0.record.summary.contains("from the console") })
            }
            // The playground stored nothing; the cross-site form paused nothing.
            #expect(try await GatewayCluster.admin(.GET, "/admin/events", port: port, as: EventPage.self).events.count == 5)
            gateway.signal(SIGTERM)
            #expect(try await gateway.exitStatus() == 0)
        }
    }

    /// Waits for `count` more "delivery attempt finished" lines with `status` in the gateway's log.
    static func waitForAttempts(_ count: Int, status: String, in gateway: GatewayProcess) async throws {
        var seen = 0
        while seen < count {
            _ = try await gateway.lines.first(within: .seconds(60)) { line in
                line.contains("delivery attempt finished") && line.contains("tg.delivery.status=\(status)")
            }
            seen += 1
        }
    }
}
