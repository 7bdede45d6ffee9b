import Foundation
import HTTPTypes
import Testing
import TicketGateCore

/// Every verification scheme through `POST /hooks/{source}`: a correct request is accepted with either of two
/// secrets; a wrong secret, missing credentials, a stale or a future timestamp are refused with their problem
/// type; and the same request sent again is answered `200` duplicate and stores nothing.
@Suite struct SchemeMatrixTests {
    struct Request: Sendable {
        var query = ""
        var contentType = "application/json"
        var headers: [String: String] = [:]
        var body: String
    }

    struct Scheme: Sendable, CustomStringConvertible {
        var description: String
        /// The source block, reading its two secrets from `${FIRST}` and `${SECOND}`.
        var source: String
        var first = "first-secret"
        var second = "second-secret"
        var timestamped: Bool
        var missing = "signature-missing"
        var mismatch = "signature-mismatch"
        /// Request number `n`, signed with `secret` at `date`.
        var sign: @Sendable (_ n: Int, _ secret: String, _ date: Date) -> Request
        /// Request number `n` without credentials.
        var unsigned: @Sendable (_ n: Int) -> Request
    }

    static func form(_ n: Int) -> String { #"{"email":"jane@example.com","message":"Hello \#(n)"}"# }
    static func json(_ n: Int) -> Request { Request(body: form(n)) }

    static let schemes: [Scheme] = [
        Scheme(
            description: "hmac-sha256 with a signed timestamp and delivery id",
            source: """
                verify: { scheme: hmac-sha256, header: X-Signature, prefix: "sha256=", signed: "{timestamp}.{body}", timestamp_header: X-Timestamp,
                          id_header: X-Delivery, secrets: ["${FIRST}", "${SECOND}"] }
                """,
            timestamped: true,
            sign: { n, secret, date in
                let timestamp = Signers.unixSeconds(date)
                let signature = "sha256=" + Signers.hex(Signers.hmac(.sha256, secret: secret, "\(timestamp).\(form(n))"))
                return Request(headers: ["X-Signature": signature, "X-Timestamp": timestamp, "X-Delivery": "delivery-\(n)"], body: form(n))
            },
            unsigned: { n in Request(headers: ["X-Timestamp": Signers.unixSeconds(Date()), "X-Delivery": "delivery-\(n)"], body: form(n)) }
        ),
        Scheme(
            description: "hmac-sha1 (Intercom, GitHub's legacy header)",
            source: #"verify: { scheme: hmac-sha1, header: X-Hub-Signature, prefix: "sha1=", secrets: ["${FIRST}", "${SECOND}"] }"#,
            timestamped: false,
            sign: { n, secret, _ in
                Request(headers: ["X-Hub-Signature": "sha1=" + Signers.hex(Signers.hmac(.sha1, secret: secret, form(n)))], body: form(n))
            },
            unsigned: json
        ),
        Scheme(
            description: "hmac-sha512, base64, millisecond timestamp",
            source: """
                verify: { scheme: hmac-sha512, header: X-Signature-512, encoding: base64, signed: "{timestamp}{body}", timestamp_header: X-Sent-At,
                          timestamp_unit: ms, secrets: ["${FIRST}", "${SECOND}"] }
                """,
            timestamped: true,
            sign: { n, secret, date in
                let timestamp = String(Int64(date.timeIntervalSince1970 * 1000))
                let signature = Signers.base64(Signers.hmac(.sha512, secret: secret, timestamp + form(n)))
                return Request(headers: ["X-Signature-512": signature, "X-Sent-At": timestamp], body: form(n))
            },
            unsigned: json
        ),
        Scheme(
            description: "standard-webhooks",
            source: #"verify: { scheme: standard-webhooks, secrets: ["${FIRST}", "${SECOND}"] }"#,
            first: "whsec_" + Data("first-standard-webhooks-key".utf8).base64EncodedString(),
            second: "whsec_" + Data("second-standard-webhooks-key".utf8).base64EncodedString(),
            timestamped: true,
            sign: { n, secret, date in
                Request(headers: Signers.standardWebhooks(body: form(n), secret: secret, id: "msg_\(n)", at: date), body: form(n))
            },
            unsigned: { n in Request(headers: ["webhook-id": "msg_\(n)", "webhook-timestamp": Signers.unixSeconds(Date())], body: form(n)) }
        ),
        Scheme(
            description: "stripe",
            source: #"verify: { scheme: stripe, secrets: ["${FIRST}", "${SECOND}"] }"#,
            first: "whsec_first_stripe", second: "whsec_second_stripe",
            timestamped: true,
            sign: { n, secret, date in Request(headers: Signers.stripe(body: form(n), secret: secret, at: date), body: form(n)) },
            unsigned: json
        ),
        Scheme(
            description: "slack",
            source: #"verify: { scheme: slack, secrets: ["${FIRST}", "${SECOND}"] }"#,
            timestamped: true,
            sign: { n, secret, date in Request(headers: Signers.slack(body: form(n), secret: secret, at: date), body: form(n)) },
            unsigned: { n in Request(headers: ["X-Slack-Request-Timestamp": Signers.unixSeconds(Date())], body: form(n)) }
        ),
        Scheme(
            description: "mailgun",
            source: #"verify: { scheme: mailgun, secrets: ["${FIRST}", "${SECOND}"] }"#,
            timestamped: true,
            sign: { n, secret, date in
                let form = "from=Bob+%3Cbob%40example.com%3E&subject=Hi&body-plain=Hello+\(n)"
                let token = String(repeating: "t", count: 49) + String(n)
                return Request(
                    contentType: "application/x-www-form-urlencoded", body: Signers.mailgun(form: form, key: secret, token: token, at: date))
            },
            unsigned: { n in Request(contentType: "application/x-www-form-urlencoded", body: "from=Bob+%3Cbob%40example.com%3E&body-plain=Hello+\(n)")
            }
        ),
        Scheme(
            description: "typeform",
            source: #"verify: { scheme: typeform, secrets: ["${FIRST}", "${SECOND}"] }"#,
            timestamped: false,
            sign: { n, secret, _ in Request(headers: Signers.typeform(body: form(n), secret: secret), body: form(n)) },
            unsigned: json
        ),
        Scheme(
            description: "webflow",
            source: #"verify: { scheme: webflow, secrets: ["${FIRST}", "${SECOND}"] }"#,
            timestamped: true,
            sign: { n, secret, date in Request(headers: Signers.webflow(body: form(n), secret: secret, at: date), body: form(n)) },
            unsigned: { n in Request(headers: ["x-webflow-timestamp": String(Int64(Date().timeIntervalSince1970 * 1000))], body: form(n)) }
        ),
        Scheme(
            description: "basic",
            source: #"verify: { scheme: basic, secrets: ["${FIRST}", "${SECOND}"] }"#,
            first: "postmark:first-password", second: "postmark:second-password",
            timestamped: false, missing: "credentials-missing", mismatch: "credentials-invalid",
            sign: { n, secret, _ in
                let parts = secret.split(separator: ":", maxSplits: 1).map(String.init)
                return Request(headers: Signers.basic(user: parts[0], password: parts.count > 1 ? parts[1] : ""), body: form(n))
            },
            unsigned: json
        ),
        Scheme(
            description: "token in a header",
            source: #"verify: { scheme: token, header: X-API-Key, secrets: ["${FIRST}", "${SECOND}"] }"#,
            timestamped: false, missing: "credentials-missing", mismatch: "credentials-invalid",
            sign: { n, secret, _ in Request(headers: ["X-API-Key": secret], body: form(n)) },
            unsigned: json
        ),
        Scheme(
            description: "token in the query",
            source: #"verify: { scheme: token, query: key, secrets: ["${FIRST}", "${SECOND}"] }"#,
            timestamped: false, missing: "credentials-missing", mismatch: "credentials-invalid",
            sign: { n, secret, _ in Request(query: "?key=\(secret)", body: form(n)) },
            unsigned: json
        ),
    ]

    static func rules(for scheme: Scheme) -> String {
        let kind = scheme.description == "mailgun" ? "kind: email\n    format: mailgun" : "kind: form\n    format: generic"
        let verify = scheme.source.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
        return "sources:\n  s:\n    \(kind)\n\(verify)\n"
    }

    @Test(arguments: schemes)
    func schemeAnswersEveryCaseAsDocumented(scheme: Scheme) async throws {
        let gateway = try GatewayHarness(rules: Self.rules(for: scheme), environment: ["FIRST": scheme.first, "SECOND": scheme.second])
        try await gateway.run { client in
            func send(_ request: Request) async throws -> (HTTPResponse.Status, JSONValue?) {
                let response = try await client.post(
                    "/hooks/s\(request.query)", body: request.body, contentType: request.contentType, headers: request.headers)
                return (response.status, response.json)
            }
            func expectProblem(_ request: Request, _ type: String, _ label: String) async throws {
                let (status, problem) = try await send(request)
                #expect(status == .unauthorized, "\(label)")
                #expect(problem?["type"] == .string("urn:ticketgate:problem:\(type)"), "\(label)")
                let text = "\(problem ?? .null)"
                #expect(!text.contains(scheme.first) && !text.contains(scheme.second), "\(label): the problem echoes a secret")
            }
            let now = Date()
            let first = scheme.sign(1, scheme.first, now)
            let (firstStatus, firstAnswer) = try await send(first)
            #expect(firstStatus == .accepted, "first secret")
            #expect(try await send(scheme.sign(2, scheme.second, now)).0 == .accepted, "second secret")
            try await expectProblem(scheme.sign(3, "not-" + scheme.first, now), scheme.mismatch, "wrong secret")
            try await expectProblem(scheme.unsigned(4), scheme.missing, "missing credentials")
            if scheme.timestamped {
                try await expectProblem(scheme.sign(5, scheme.first, now.addingTimeInterval(-600)), "timestamp-too-old", "stale timestamp")
                try await expectProblem(scheme.sign(6, scheme.first, now.addingTimeInterval(600)), "timestamp-in-future", "future timestamp")
            }
            let (replayStatus, replayAnswer) = try await send(first)
            #expect(replayStatus == .ok, "replay")
            #expect(replayAnswer?["duplicate"] == true)
            #expect(replayAnswer?["id"] == firstAnswer?["id"])
        }
        #expect(try await gateway.store.counts().events == 2)
    }

    @Test func unsignedSourceStillAnswersAReplayAsDuplicate() async throws {
        let gateway = try GatewayHarness(rules: "sources:\n  s:\n    kind: form\n    verify: { scheme: none }\n")
        try await gateway.run { client in
            let first = try await client.post("/hooks/s", body: Self.form(1), contentType: "application/json")
            let again = try await client.post("/hooks/s", body: Self.form(1), contentType: "application/json")
            #expect(first.status == .accepted)
            #expect(again.status == .ok)
            #expect(again.json?["id"] == first.json?["id"])
        }
        #expect(try await gateway.store.counts().events == 1)
    }

    @Test func toleranceIsConfigurable() async throws {
        let rules = "sources:\n  s:\n    kind: form\n    verify: { scheme: stripe, tolerance: 30s, secrets: [\"k\"] }\n"
        let gateway = try GatewayHarness(rules: rules)
        try await gateway.run { client in
            let stale = try await client.post(
                "/hooks/s", body: Self.form(1), contentType: "application/json",
                headers: Signers.stripe(body: Self.form(1), secret: "k", at: Date().addingTimeInterval(-60))
            )
            let fresh = try await client.post(
                "/hooks/s", body: Self.form(2), contentType: "application/json",
                headers: Signers.stripe(body: Self.form(2), secret: "k", at: Date().addingTimeInterval(-20))
            )
            #expect(stale.json?["type"] == "urn:ticketgate:problem:timestamp-too-old")
            #expect(fresh.status == .accepted)
        }
    }

    @Test func basicAuthRefusalAsksForCredentials() async throws {
        let gateway = try GatewayHarness(rules: "sources:\n  s:\n    kind: form\n    verify: { scheme: basic, secrets: [\"u:p\"] }\n")
        try await gateway.run { client in
            let response = try await client.post("/hooks/s", body: Self.form(1), contentType: "application/json")
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Basic realm=") == true)
        }
    }
}
