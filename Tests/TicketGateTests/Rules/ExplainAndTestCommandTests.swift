import Foundation
import Testing
import TicketGateCore

/// `ticketgate explain` and `ticketgate test`, run as operators run them, with their output pinned.
@Suite struct ExplainAndTestCommandTests {
    static let directory = PackagePaths.root.appendingPathComponent("Tests/Fixtures/explain")

    /// Runs `ticketgate` in the explain fixture directory.
    static func ticketgate(_ arguments: [String]) async throws -> (output: String, status: Int32) {
        try await TicketGateCommand.run(arguments, in: directory)
    }

    static var signature: String {
        get throws {
            let body = try String(contentsOf: directory.appendingPathComponent("vip.json"), encoding: .utf8)
            return Signing.header(body, secret: "explain-secret")
        }
    }

    @Test func explainShowsTheEventEachRuleTheDecisionAndTheRequests() async throws {
        let (output, status) = try await Self.ticketgate([
            "explain", "--rules", "rules", "--source", "website", "--header", "X-Signature: \(try Self.signature)",
            "--header", "Content-Type: application/json", "vip.json",
        ])
        #expect(status == 0)
        #expect(output == (try String(contentsOf: Self.directory.appendingPathComponent("expected-explain.txt"), encoding: .utf8)))
    }

    @Test func explainRefusesAWrongSignatureAndSaysWhy() async throws {
        let (output, status) = try await Self.ticketgate([
            "explain", "--rules", "rules", "--source", "website", "--header", "X-Signature: sha256=00", "vip.json",
        ])
        #expect(status == 1)
        #expect(output == "refused       signature-mismatch: the signature in X-Signature does not match the request with any configured secret\n")
    }

    @Test func explainAsJSON() async throws {
        let (output, status) = try await Self.ticketgate(["explain", "--rules", "rules", "--source", "website", "--no-verify", "--json", "vip.json"])
        #expect(status == 0)
        let report = try JSONDecoder().decode(JSONValue.self, from: Data(output.utf8))
        #expect(report["verification", "scheme"] == "skipped")
        #expect(report["event", "sender", "email"] == "ceo@bigcorp.com")
        #expect(report["rules"]?.array?.map { $0["result"] } == ["not_matched", "matched", "matched", "not_evaluated"])
        #expect(report["rules"]?.array?.first?["failedCondition"] == #"body matches /(?i)\b(casino|viagra)\b/"#)
        #expect(report["decision", "outcome"] == "deliver")
        #expect(report["decision", "draft", "replyTo"] == "5521")
        #expect(report["decision", "draft", "assigneeRotation", "pool"] == [4, 7])
        #expect(
            report["requests"]?.array?.map { $0["url"] } == [
                "https://acme.spp.co/api/clients?filters%5Bemail%5D%5B%24eq%5D=ceo%40bigcorp.com", "https://acme.spp.co/api/clients",
                "https://acme.spp.co/api/ticket_messages/5521",
            ])
    }

    @Test func testPrintsADiffPerFailingCaseAndFails() async throws {
        let (output, status) = try await Self.ticketgate(["test", "--rules", "rules", "cases.yml"])
        #expect(status == 1)
        #expect(output == (try String(contentsOf: Self.directory.appendingPathComponent("expected-test.txt"), encoding: .utf8)))
    }

    @Test func testPassesWhenEveryCaseHolds() async throws {
        let (output, status) = try await Self.ticketgate(["test", "--rules", "rules", "passing.yml"])
        #expect(status == 0)
        #expect(output.hasSuffix("3 passed, 0 failed\n"))
    }

    @Test func testReportsABrokenCaseFileAtItsPlace() async throws {
        let broken = try TemporaryDirectory()
        let path = try broken.write("cases.yml", "cases:\n  - name: x\n    source: website\n    body: {}\n    expect: { tagz: [a] }\n")
        let (output, status) = try await Self.ticketgate(["test", "--rules", "rules", path])
        #expect(status == 1)
        #expect(output == "\(path):5:15: error: unknown key 'tagz' in expect (did you mean 'tags'?)\n")
    }

    /// The sample rules' own tests hold, the business-hours rule among them, inside and outside its hours.
    @Test func theSampleRulesPassTheirOwnTests() async throws {
        let (output, status) = try await TicketGateCommand.run(["test", "--rules", "Rules", "Rules/tests/routing.yml"], in: PackagePaths.root)
        #expect(status == 0, "\(output)")
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("ok") && $0.hasSuffix("an urgent message on a weekday morning waits for the team") })
        #expect(lines.contains { $0.hasPrefix("ok") && $0.hasSuffix("an urgent message on a weekday evening goes to the agent on call") })
        #expect(lines.last == "7 passed, 0 failed")
    }

    /// The same case fails at another time: the time in `received_at` is what the rules see.
    @Test func receivedAtDecidesABusinessHoursRule() async throws {
        let cases = try TemporaryDirectory()
        let path = try cases.write(
            "cases.yml",
            """
            cases:
              - name: urgent in office hours
                source: website
                body: { email: ops@example.com, subject: Down, message: x, priority: urgent }
                received_at: 2026-12-08T19:00:00+01:00
                expect: { rules: [] }
            """)
        let (output, status) = try await TicketGateCommand.run(["test", "--rules", "Rules", path], in: PackagePaths.root)
        #expect(status == 1)
        #expect(output.contains("rules: expected [], got [urgent-after-hours]"), "\(output)")
    }

    @Test func aReceivedAtWithoutItsZoneIsALocatedError() async throws {
        let cases = try TemporaryDirectory()
        let path = try cases.write(
            "cases.yml", "cases:\n  - name: x\n    source: website\n    body: {}\n    received_at: 2026-12-08T10:00:00\n    expect: { rules: [] }\n")
        let (output, status) = try await Self.ticketgate(["test", "--rules", "rules", path])
        #expect(status == 1)
        #expect(
            output
                == "\(path):5:18: error: received_at must be an RFC 3339 time with its zone, such as 2026-12-05T10:00:00+01:00 or 2026-12-05T09:00:00Z\n"
        )
    }

    /// `explain --at` decides as of that time; a time without its zone is refused before anything runs.
    @Test func explainAtATimeDecidesAsOfThen() async throws {
        let payload = try TemporaryDirectory()
        let file = try payload.write("urgent.json", #"{"email":"ops@example.com","subject":"Down","message":"x","priority":"urgent"}"#)
        func explain(at time: String) async throws -> (output: String, status: Int32) {
            try await TicketGateCommand.run(
                ["explain", "--rules", "Rules", "--source", "website", "--no-verify", "--at", time, file], in: PackagePaths.root)
        }
        let evening = try await explain(at: "2026-12-08T19:00:00+01:00")
        #expect(evening.status == 0)
        #expect(evening.output.contains(/urgent-after-hours +matched/), "\(evening.output)")
        let morning = try await explain(at: "2026-12-08T10:00:00+01:00")
        #expect(morning.output.contains(/urgent-after-hours +not matched/), "\(morning.output)")
        let zoneless = try await explain(at: "2026-12-08T10:00:00")
        #expect(zoneless.status != 0)
        #expect(zoneless.output.contains("--at takes an RFC 3339 time with its zone"))
    }

    /// `test --update` writes each case's expect as the rules decide now, keeps every other line (comments,
    /// blank lines, the other keys) as written, and the file then passes.
    @Test func updateWritesTodaysOutcomesAndKeepsTheRest() async throws {
        let cases = try TemporaryDirectory()
        let original = """
            # Routing cases for the sample rules.
            cases:
              - name: refund
                source: website   # the contact form
                body: { email: jane@example.com, subject: Refund for invoice 7, message: Hi }
                expect:
                  destination: nowhere
                  tags: [wrong]

              # spam is dropped
              - name: spam
                source: website
                body: { email: x@example.com, subject: Hi, message: casino }
                expect: { dropped: false }
              - name: enterprise
                source: website
                expect: { tags: [] }
                body: { email: cto@bigcorp.example, subject: Access, message: Hi, plan: enterprise }
            """
        let path = try cases.write("cases.yml", original)
        let updated = try await TicketGateCommand.run(["test", "--update", "--rules", "Rules", path], in: PackagePaths.root)
        #expect(updated.status == 0, "\(updated.output)")
        #expect(updated.output == "\(path): 3 cases written as the rules decide now\n")
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(
            written == """
                # Routing cases for the sample rules.
                cases:
                  - name: refund
                    source: website   # the contact form
                    body: { email: jane@example.com, subject: Refund for invoice 7, message: Hi }
                    expect: { destination: spp, assignee: 17, tags: [inbound, billing], staff_only: false, rules: [billing] }

                  # spam is dropped
                  - name: spam
                    source: website
                    body: { email: x@example.com, subject: Hi, message: casino }
                    expect: { dropped: "spam keywords", rules: [spam] }
                  - name: enterprise
                    source: website
                    expect: { destination: spp, assignee: 4, tags: [inbound, vip], staff_only: false, rules: [enterprise] }
                    body: { email: cto@bigcorp.example, subject: Access, message: Hi, plan: enterprise }
                """, "\(written)")
        let tested = try await TicketGateCommand.run(["test", "--rules", "Rules", path], in: PackagePaths.root)
        #expect(tested.status == 0, "\(tested.output)")
        #expect(tested.output.hasSuffix("3 passed, 0 failed\n"))
    }
}
