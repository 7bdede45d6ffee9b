import Foundation
import Testing
import TicketGateCore

@testable import TicketGateServer

/// `ticketgate send SOURCE FILE`, run as an operator runs it against a live gateway: every verification scheme
/// signs as that scheme's verifier (and the scheme matrix's own signers) expect, and a refusal exits 1 with the
/// gateway's problem.
@Suite struct SendCommandTests {
    static func send(_ source: String, payload: String, to gateway: GatewayHarness, port: Int?, environment: [String: String], extra: [String] = [])
        async throws -> (output: String, status: Int32)
    {
        let file = try gateway.directory.write("payload-\(UUID().uuidString)", payload)
        return try await TicketGateCommand.run(
            ["send", source, file, "--rules", gateway.configuration.rulesDirectory, "--url", "http://127.0.0.1:\(port ?? 0)"] + extra,
            environment: environment)
    }

    @Test(arguments: SchemeMatrixTests.schemes)
    func everySchemeSignsAsTheSourceVerifies(scheme: SchemeMatrixTests.Scheme) async throws {
        let environment = ["FIRST": scheme.first, "SECOND": scheme.second]
        let gateway = try GatewayHarness(rules: SchemeMatrixTests.rules(for: scheme), environment: environment)
        let payload =
            scheme.description == "mailgun" ? "from=Bob+%3Cbob%40example.com%3E&subject=Hi&body-plain=Hello" : SchemeMatrixTests.form(1)
        try await gateway.run { client in
            let sent = try await Self.send("s", payload: payload, to: gateway, port: client.port, environment: environment)
            #expect(sent.status == 0, "\(sent.output)")
            #expect(sent.output.hasPrefix(#"202 {"id":""#), "\(sent.output)")
            // A signed timestamp or delivery id makes each send a new delivery; the others sign the same bytes.
            let again = try await Self.send("s", payload: payload, to: gateway, port: client.port, environment: environment)
            #expect(again.status == 0)
            #expect(again.output.hasPrefix(scheme.timestamped || scheme.description.hasPrefix("standard") ? "202 " : "200 "), "\(again.output)")
        }
        #expect(try await gateway.store.counts().events >= 1)
    }

    /// Signed with a secret the gateway does not hold: the gateway's 401 problem is printed and the command fails.
    @Test func aRefusalExitsOneWithTheProblem() async throws {
        let gateway = try GatewayHarness(rules: TestRules.website(sppURL: "http://127.0.0.1:9", token: nil), environment: TestRules.environment)
        try await gateway.run { client in
            let environment = TestRules.environment.merging(["WEBSITE_SECRET": "not-the-gateway-secret"]) { _, new in new }
            let refused = try await Self.send("website", payload: SchemeMatrixTests.form(1), to: gateway, port: client.port, environment: environment)
            #expect(refused.status == 1)
            #expect(refused.output.hasPrefix("401 "), "\(refused.output)")
            #expect(refused.output.contains("urn:ticketgate:problem:signature-mismatch"))
            #expect(!refused.output.contains("not-the-gateway-secret"))

            let unknown = try await Self.send("nowhere", payload: "{}", to: gateway, port: client.port, environment: TestRules.environment)
            #expect(unknown.status == 1)
            #expect(unknown.output.contains("no source named 'nowhere'; the rules define website"))
        }
        #expect(try await gateway.store.counts().events == 0)
    }

    /// A Mailgun signature is in the form, so a payload that is not a URL-encoded form cannot carry it.
    @Test func aMailgunPayloadMustBeAForm() async throws {
        let scheme = try #require(SchemeMatrixTests.schemes.first { $0.description == "mailgun" })
        let environment = ["FIRST": scheme.first, "SECOND": scheme.second]
        let gateway = try GatewayHarness(rules: SchemeMatrixTests.rules(for: scheme), environment: environment)
        let sent = try await Self.send("s", payload: #"{"from":"bob@example.com"}"#, to: gateway, port: nil, environment: environment)
        #expect(sent.status == 1)
        #expect(sent.output.contains("send it as application/x-www-form-urlencoded"), "\(sent.output)")
    }
}
