import Foundation
import Testing
import TicketGateCore
import TicketGateInbound
import TicketGateVendors

@testable import TicketGateRules
@testable import TicketGateServer
@testable import TicketGateStore

/// The findings on rules and credentials: a pattern cannot stall the gateway, weak credentials do not pass
/// `check` or start, wrong admin tokens are logged and slowed, and the operator's terminal and files are safe.
@Suite struct RulesAndCredentialsTests {
    // MARK: - Patterns

    /// `(a+)+$` backtracks without end on a 28-character body: the search gives up on its budget, the rule
    /// does not match, the event is stored, and its audit names the pattern.
    @Test func aBacktrackingPatternGivesUpAndTheAuditSaysSo() async throws {
        let gateway = try GatewayHarness(
            rules: """
                sources:
                  web: { kind: form, verify: { scheme: none } }
                rules:
                  - { name: catastrophic, when: { body: { matches: "(a+)+$" } }, drop: never }
                  - { name: replies, when: { subject: { exists: true } }, set: { reply_to: { field: body, pattern: "(x+x+)+y" } } }
                """)
        try await gateway.run { client in
            let body = #"{"email":"jane@example.com","subject":"s","message":"\#(String(repeating: "a", count: 28))!"}"#
            let response = try await withTimeout { try await client.post("/hooks/web", body: body, contentType: "application/json") }
            #expect(response.status == .accepted)
            let report = try await gateway.report(try #require(response.eventID))
            #expect(report.decision.matchedRules == ["replies"])
            let decided = try #require(report.audit.map(\.record).first { $0.stage == .decided })
            #expect(decided.summary.contains("rule catastrophic: /(a+)+$/ gave up: its match budget was spent"))
            #expect(decided.detail["patterns_gave_up"]?["catastrophic"] != nil)
        }
    }

    @Test func aPatternSearchGivesUpOnItsBudgetAndReportsIt() throws {
        let pattern = try Pattern("(a+)+$")
        #expect(pattern.search(String(repeating: "a", count: 40) + "!") == .budgetSpent)
        #expect(pattern.search("aaa") == .match(NSRange(location: 0, length: 3)))
        #expect(!pattern.matches(String(repeating: "a", count: 40) + "!"))
        #expect(try Pattern("(x+x+)+y").firstCapture(in: String(repeating: "x", count: 40)) == nil)
    }

    // MARK: - Credentials

    static func check(_ verify: String, environment: [String: String] = [:]) -> [String] {
        RulesLoader(environment: environment, formats: InboundFormats.supported, vendors: VendorRegistry.profiles)
            .compile([RulesFile(path: "r.yml", contents: "sources:\n  s:\n    kind: form\n    verify: \(verify)\n")]).1.map(\.description)
    }

    @Test(arguments: [
        #"{ scheme: basic, secrets: ["sendgrid:${PW:-}"] }"#, #"{ scheme: basic, secrets: [":${PW:-}"] }"#,
        #"{ scheme: basic, secrets: [":password"] }"#, #"{ scheme: basic, secrets: ["sendgrid:"] }"#,
        #"{ scheme: hmac-sha256, header: X-Sig, secrets: ["${PW:-}"] }"#, #"{ scheme: token, secrets: ["${PW:-}"] }"#,
        #"{ scheme: mailgun, secrets: [""] }"#,
    ])
    func emptySecretsAndPasswordsAreCheckErrors(verify: String) {
        let problems = Self.check(verify)
        #expect(problems.count == 1 && problems[0].contains("error: "), "\(problems)")
    }

    @Test func shortAdminTokensDoNotStart() async throws {
        #expect(throws: StartupError.self) { try GatewayConfiguration.fromEnvironment(["TICKETGATE_ADMIN_TOKEN": "x"]) }
        #expect(throws: StartupError.self) {
            try GatewayConfiguration.fromEnvironment(["TICKETGATE_ADMIN_TOKEN": String(repeating: "a", count: 15)])
        }
        #expect(try GatewayConfiguration.fromEnvironment(["TICKETGATE_ADMIN_TOKEN": String(repeating: "a", count: 16)]).adminToken != nil)
        var gateway = try GatewayHarness(rules: "sources: {}\n")
        gateway.configuration.adminToken = Secret("x")
        await #expect(throws: StartupError.self) {
            _ = try await buildApplication(gateway.configuration, store: gateway.store, logger: gateway.logs.logger)
        }
    }

    /// Wrong admin tokens are logged with the client's address and never the token; past ten in a minute, the
    /// client is answered 429 without its token being looked at, the right one included, until its allowance
    /// refills (one attempt every six seconds).
    @Test func failedAdminAuthenticationIsLoggedAndSlowed() async throws {
        let token = "the-right-admin-token-0123456789"
        // The limiter's clock stands still, so no attempt comes back while the test runs, however slowly.
        let start = ContinuousClock.now
        let gateway = try GatewayHarness(
            rules: "sources: {}\n", adminToken: token,
            runtime: GatewayRuntime(metrics: GatewayMetrics(), adminFailures: ClientRateLimiter(now: { start })))
        let refused = try await gateway.run { client in
            var refused = 0
            while try await client.execute(uri: "/admin/events", method: .get, headers: [.authorization: "Bearer wrong-\(refused)"]).status
                == .unauthorized
            {
                refused += 1
                guard refused < 40 else { break }
            }
            let slowed = try await client.execute(uri: "/admin/events", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(slowed.status == .tooManyRequests)
            #expect(slowed.headers[.retryAfter].flatMap(Int.init).map { $0 >= 1 } == true)
            return refused
        }
        #expect((10..<40).contains(refused))
        let failures = gateway.logs.all.filter { $0.contains("admin authentication failed") }
        #expect(failures.count == refused)
        #expect(failures.allSatisfy { $0.contains("tg.client.ip=127.0.0.1") && !$0.contains("wrong-") })
    }

    // MARK: - The operator's terminal and files

    /// Escape sequences in a sender's name and subject are printed as text by `ticketgate events show`.
    @Test func eventsShowWritesControlCharactersOut() async throws {
        let gateway = try GatewayHarness(rules: "sources:\n  web: { kind: form, verify: { scheme: none } }\n")
        let subject = "Invoice \u{1B}[2J\u{1B}[31mPAID\u{7}\u{9B}6n\u{202E}fdp.exe"
        let id = try await gateway.run { client in
            let body = try JSONEncoder().encode(["email": "jane@example.com", "name": "Jane\u{1B}]0;owned\u{7}", "subject": subject, "message": "Hi"])
            let response = try await client.post("/hooks/web", bytes: Array(body), contentType: "application/json")
            return try #require(response.eventID)
        }
        for json in [false, true] {
            let (output, status) = try await TicketGateCommand.run(
                ["events", "show", id.rawValue, "--database", gateway.configuration.databaseURL] + (json ? ["--json"] : []),
                environment: ["TICKETGATE_ADMIN_TOKEN": ""])
            #expect(status == 0, "\(output)")
            #expect(!output.unicodeScalars.contains { [0x1B, 0x07, 0x9B, 0x202E].contains($0.value) }, "\(output)")
            // JSON writes ESC as its own escape (`\u001b`); text as `\u{1B}`.
            #expect(json ? output.lowercased().contains(#"\u001b[2j"#) : output.contains(#"\u{1B}[2J"#))
        }
    }

    @Test func theDatabaseIsReadableByItsOwnerOnly() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("data/new/tg.sqlite")
        let store = try SQLiteEventStore(path: path, serving: true)
        _ = store
        for file in [path, path + "-wal", path + ".lock"] {
            let permissions = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
            #expect(permissions == 0o600, "\(file)")
        }
        #expect(try FileManager.default.attributesOfItem(atPath: directory.file("data/new"))[.posixPermissions] as? Int == 0o700)
    }

    // MARK: - The admin API's parameters

    @Test(arguments: ["2026-01-01junk", "2026-13-01", "tomorrow", "2026-01-01T00:00:00Zjunk", "2026-01-01 ", ""])
    func aTimeWithAnythingAfterItIsRefused(since: String) throws {
        #expect(throws: Problem.self) { try AdminQuery(["since": since]).eventQuery() }
    }

    @Test(arguments: ["2026-01-01", "2026-01-01T10:00:00Z", "2026-01-01T10:00:00.250Z", "2026-01-01T10:00:00+02:00"])
    func iso8601TimesAndDaysAreRead(since: String) throws {
        #expect(try AdminQuery(["since": since]).eventQuery().since != nil)
    }

    /// The README names the page cursor as the admin API answers it.
    @Test func theReadmeNamesTheCursorAsTheAPIAnswersIt() throws {
        let readme = try String(contentsOfFile: PackagePaths.root.appendingPathComponent("README.md").path, encoding: .utf8)
        let page = String(decoding: try JSONEncoder().encode(EventPage(events: [], next: "c")), as: UTF8.self)
        #expect(page.contains(#""next":"c""#))
        #expect(!readme.contains("next_cursor"))
        #expect(readme.contains("the answer's `next` fetches the older events (as `cursor`), its `previous` the newer ones (as `newer`)"))
    }
}
