import Foundation
import HTTPTypes
import Testing
import TicketGateCore

@testable import TicketGateInbound

/// A signed timestamp is a number the sender chooses, checked before the signature: every scheme that reads
/// one refuses the extremes of a 64-bit number, and everything that is not one, with a 401 and never a trap.
@Suite struct TimestampTrapTests {
    struct Scheme: Sendable, CustomStringConvertible {
        var description: String
        var verify: VerificationSettings
        var contentType = "application/json"
        /// A request whose signature header is well formed and whose signed timestamp is `timestamp`.
        var request: @Sendable (_ timestamp: String) -> (headers: [String: String], body: String)
    }

    static let body = #"{"email":"jane@example.com","message":"Hello"}"#
    static let hexSignature = String(repeating: "ab", count: 32)

    static let schemes: [Scheme] = [
        Scheme(description: "slack", verify: VerificationSettings(scheme: .slack, secrets: [Secret("s")])) {
            (["X-Slack-Signature": "v0=\(hexSignature)", "X-Slack-Request-Timestamp": $0], body)
        },
        Scheme(description: "stripe", verify: VerificationSettings(scheme: .stripe, secrets: [Secret("s")])) {
            (["Stripe-Signature": "t=\($0),v1=\(hexSignature)"], body)
        },
        Scheme(
            description: "standard-webhooks",
            verify: VerificationSettings(scheme: .standardWebhooks, secrets: [Secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")])
        ) {
            (["webhook-id": "msg_1", "webhook-timestamp": $0, "webhook-signature": "v1,q83vEjRWeJA="], body)
        },
        Scheme(
            description: "hmac-sha256 with a timestamp header in seconds",
            verify: VerificationSettings(
                scheme: .hmacSHA256, header: "X-Signature", signedContent: "{timestamp}.{body}", timestampHeader: "X-Timestamp",
                secrets: [Secret("s")])
        ) {
            (["X-Signature": hexSignature, "X-Timestamp": $0], body)
        },
        Scheme(
            description: "hmac-sha512 with a timestamp header in milliseconds",
            verify: VerificationSettings(
                scheme: .hmacSHA512, header: "X-Signature", signedContent: "{timestamp}.{body}", timestampHeader: "X-Timestamp",
                timestampUnit: .milliseconds, secrets: [Secret("s")])
        ) {
            (["X-Signature": hexSignature, "X-Timestamp": $0], body)
        },
        Scheme(description: "webflow", verify: VerificationSettings(scheme: .webflow, secrets: [Secret("s")])) {
            (["x-webflow-signature": hexSignature, "x-webflow-timestamp": $0], body)
        },
        Scheme(
            description: "mailgun", verify: VerificationSettings(scheme: .mailgun, secrets: [Secret("s")]),
            contentType: "application/x-www-form-urlencoded"
        ) {
            (
                [:],
                "from=jane%40example.com&body-plain=Hello&token=t1&signature=\(hexSignature)&timestamp=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
            )
        },
    ]

    /// The extremes of 64-bit numbers, numbers past them, and texts that are not whole numbers.
    static let timestamps = [
        "-9223372036854775807", "-9223372036854775808", "9223372036854775807", "9223372036854775806", "99999999999999999999",
        "-99999999999999999999", "18446744073709551615", "-1", "0", "1", "1e18", "NaN", "inf", "0x7fffffffffffffff", "+9223372036854775807",
        " 9223372036854775807 ", "922337203685477580", "-922337203685477580", "",
    ]

    static let refusals: Set<InboundError.Check> = [.signatureMissing, .signatureMismatch, .timestampTooOld, .timestampInFuture]

    @Test(arguments: schemes)
    func extremeTimestampsAreRefusedNotTrapped(scheme: Scheme) throws {
        let kind: EventKind = scheme.description == "mailgun" ? .email : .form
        let format = scheme.description == "mailgun" ? "mailgun" : "generic"
        let endpoint = SourceEndpoint(SourceDefinition(name: "s", kind: kind, format: format, verification: scheme.verify))
        for timestamp in Self.timestamps {
            let (headers, body) = scheme.request(timestamp)
            var fields = HTTPFields([HTTPField(name: .contentType, value: scheme.contentType)])
            for (name, value) in headers {
                fields[HTTPField.Name(name)!] = value
            }
            let request = InboundRequest(body: Data(body.utf8), headers: fields)
            do {
                try endpoint.checkBeforeBody(request)
                _ = try endpoint.receive(request)
                Issue.record("\(scheme) accepted the timestamp '\(timestamp)'")
            } catch {
                #expect(Self.refusals.contains(error.check), "\(scheme) \(timestamp): \(error)")
            }
        }
    }

    /// The attack as it was made: one unauthenticated request to a running gateway.
    @Test func theSlackAttackIsA401AndTheGatewayLives() async throws {
        let gateway = try GatewayHarness(
            rules: "sources:\n  slack: { kind: form, format: generic, verify: { scheme: slack, secrets: [slack-signing-secret] } }\n")
        try await gateway.run { client in
            let response = try await client.post(
                "/hooks/slack", body: Self.body, contentType: "application/json",
                headers: ["X-Slack-Request-Timestamp": "-9223372036854775807", "X-Slack-Signature": "v0=\(Self.hexSignature)"])
            #expect(response.status == .unauthorized)
            #expect(response.json?["type"]?.string == "urn:ticketgate:problem:timestamp-too-old")
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
        }
    }
}
