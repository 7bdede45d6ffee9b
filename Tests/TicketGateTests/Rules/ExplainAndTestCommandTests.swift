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
}
