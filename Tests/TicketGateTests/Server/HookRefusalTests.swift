import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import TicketGateCore
import TicketGateStore

/// Requests the gateway refuses: each answer is problem+json with the check that failed, and none of them
/// leaves anything in the store.
@Suite struct HookRefusalTests {
    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var source = "website"
        var body = #"{"from":"jane@example.com","body":"Hello"}"#
        var contentType = "application/json"
        /// `.none` signs correctly; `.some(nil)` sends no signature.
        var signature: String?? = .none
        var status: HTTPResponse.Status
        var type: String
    }

    static let cases: [Case] = [
        Case(description: "no signature", signature: .some(nil), status: .unauthorized, type: "signature-missing"),
        Case(
            description: "wrong signature", signature: "sha256=" + String(repeating: "ab", count: 32), status: .unauthorized,
            type: "signature-mismatch"),
        Case(
            description: "signature by another secret",
            signature: .some(Signing.header(#"{"from":"jane@example.com","body":"Hello"}"#, secret: "not-the-secret")),
            status: .unauthorized,
            type: "signature-mismatch"
        ),
        Case(
            description: "signature without its prefix",
            signature: .some(Signing.hex(Signing.hmacSHA256(#"{"from":"jane@example.com","body":"Hello"}"#, secret: GatewayHarness.secret))),
            status: .unauthorized, type: "signature-mismatch"),
        Case(description: "unknown source", source: "nope", status: .notFound, type: "unknown-source"),
        Case(description: "plain text body", body: "hello", contentType: "text/plain", status: .unsupportedMediaType, type: "unsupported-media-type"),
        Case(description: "broken JSON", body: #"{"from": "#, status: .badRequest, type: "malformed-body"),
        Case(description: "JSON that is not an object", body: #"["a","b"]"#, status: .badRequest, type: "malformed-body"),
        Case(
            description: "broken form encoding", body: "from=%zz", contentType: "application/x-www-form-urlencoded", status: .badRequest,
            type: "malformed-body"),
        Case(description: "neither sender nor message", body: #"{"topic":"Hi"}"#, status: .unprocessableContent, type: "missing-fields"),
        Case(
            description: "sender that is not an address", body: #"{"from":"jane","body":"Hi"}"#, status: .unprocessableContent, type: "invalid-field"),
    ]

    @Test(arguments: cases)
    func refusedWithProblemAndNothingStored(_ refusal: Case) async throws {
        let gateway = try GatewayHarness(rules: TestRules.website(sppURL: "http://127.0.0.1:9", token: nil), environment: TestRules.environment)
        try await gateway.run { client in
            let response = try await client.postHook(
                refusal.source, body: refusal.body, contentType: refusal.contentType, signature: refusal.signature)
            #expect(response.status == refusal.status)
            #expect(response.headers[.contentType] == "application/problem+json")
            let problem = try #require(response.json)
            #expect(problem["type"] == .string("urn:ticketgate:problem:\(refusal.type)"))
            #expect(problem["status"] == .int(Int64(refusal.status.code)))
            #expect(problem["detail"]?.scalarText?.isEmpty == false)
        }
        #expect(try await gateway.store.counts() == StoreCounts(events: 0, deliveries: 0, auditRecords: 0))
    }

    @Test func bodyOverTheSourceLimitIsRefusedBeforeItIsRead() async throws {
        let rules = TestRules.website(sppURL: "http://127.0.0.1:9", token: nil)
            .replacingOccurrences(of: "format: generic\n", with: "format: generic\n    max_body_bytes: 64\n")
        let gateway = try GatewayHarness(rules: rules, environment: TestRules.environment)
        try await gateway.run { client in
            let body = #"{"from":"jane@example.com","body":"\#(String(repeating: "x", count: 100))"}"#
            let response = try await client.postHook(body: body)
            #expect(response.status == .contentTooLarge)
            #expect(response.json?["type"] == "urn:ticketgate:problem:body-too-large")
        }
        #expect(try await gateway.store.counts().events == 0)
    }

    @Test func unknownRouteIsAProblemToo() async throws {
        let gateway = try GatewayHarness(rules: TestRules.website(sppURL: "http://127.0.0.1:9", token: nil), environment: TestRules.environment)
        try await gateway.run { client in
            let response = try await client.execute(uri: "/hooks", method: .get)
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "application/problem+json")
        }
    }
}
