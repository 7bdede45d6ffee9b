import Foundation
import HTTPTypes
import Testing
import TicketGateCore

/// Generated headers at every source and scheme: signed requests with their signature, timestamp, id,
/// credential and content headers replaced, dropped or joined by others, with extreme numbers, control
/// characters, long and empty values. Every answer is a 2xx, or a 4xx problem document; the gateway keeps
/// answering; and every event it stored reads back whole.
@Suite struct HeaderRobustnessTests {
    /// Values a sender may put in a header: numbers at and past the edges of 64 bits, non-numbers, signatures
    /// of every shape, text with tabs, obs-text, quotes and commas, and long runs.
    static let values = [
        "", " ", "0", "-1", "1", "9223372036854775807", "-9223372036854775808", "9223372036854775808", "99999999999999999999999", "1e308",
        "-1e308", "NaN", "inf", "-0", "0x10", "1.5", "+5", "\t9\t", "v0=", "v1,", "v1,AAAA", "v1,!!!!", "t=,v1=", "t=-9223372036854775808,v1=00",
        "t=9223372036854775807,v1=ff,v1=zz", "sha256=", "sha256=zz", "sha1=" + String(repeating: "0", count: 40), "Basic", "Basic ", "Basic !!!",
        "Basic " + Data(":".utf8).base64EncodedString(), "Basic " + Data("postmark:".utf8).base64EncodedString(), "Bearer", "Bearer ",
        "Bearer \t", "whsec_", "null", "é", "\u{FF}\u{FE}", "\"quoted\"", "a,b,c",
        "multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=\"\"", "application/json; charset=utf-99",
        "application/x-www-form-urlencoded", "text/plain", "100-continue", String(repeating: "9", count: 4000), String(repeating: "a", count: 8000),
        String(repeating: "=", count: 100),
    ]

    /// The headers the schemes and formats read, and a few they do not.
    static let names = [
        "X-Signature", "X-Timestamp", "X-Delivery", "X-Hub-Signature", "X-Signature-512", "X-Sent-At", "webhook-id", "webhook-timestamp",
        "webhook-signature", "svix-id", "svix-timestamp", "svix-signature", "Stripe-Signature", "X-Slack-Signature", "X-Slack-Request-Timestamp",
        "Typeform-Signature", "x-webflow-signature", "x-webflow-timestamp", "Authorization", "X-API-Key", "Content-Type", "X-Hook-Event-Id",
        "X-Forwarded-For", "X-Forwarded-Proto", "Expect", "X-Spam-Score", "X-Unrelated", "Cookie",
    ]

    static func mutated(_ request: SchemeMatrixTests.Request, using random: inout SeededRandom) -> SchemeMatrixTests.Request {
        var request = request
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let name = names.randomElement(using: &random)!
            switch Int.random(in: 0..<4, using: &random) {
            case 0: request.headers[name] = nil
            case 1 where name == "Content-Type": request.contentType = values.randomElement(using: &random)!
            default: request.headers[name] = values.randomElement(using: &random)!
            }
        }
        return request
    }

    @Test(arguments: SchemeMatrixTests.schemes)
    func generatedHeadersGetA2xxOrA4xxProblem(scheme: SchemeMatrixTests.Scheme) async throws {
        let seed = try TestSeed.next()
        var random = SeededRandom(seed: seed)
        await recordingSeed(seed) {
            let gateway = try GatewayHarness(
                rules: SchemeMatrixTests.rules(for: scheme), environment: ["FIRST": scheme.first, "SECOND": scheme.second])
            var requests: [SchemeMatrixTests.Request] = []
            for n in 0..<150 {
                requests.append(Self.mutated(scheme.sign(n, scheme.first, Date()), using: &random))
            }
            let generated = requests
            let accepted = try await gateway.run { client in
                var accepted = 0
                for request in generated {
                    var headers = HTTPFields()
                    headers[.contentType] = request.contentType
                    for (name, value) in request.headers {
                        guard let field = HTTPField.Name(name), HTTPField.isValidValue(value) else { continue }
                        headers[field] = value
                    }
                    let response = try await client.execute(
                        uri: "/hooks/s" + request.query, method: .post, headers: headers, body: .init(string: request.body))
                    let code = response.status.code
                    #expect((200..<300).contains(code) || (400..<500).contains(code), "\(seed): \(request) → \(response.status)")
                    if (400..<500).contains(code) {
                        #expect(response.headers[.contentType] == "application/problem+json", "\(seed): \(request)")
                    }
                    if response.status == .accepted { accepted += 1 }
                }
                #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
                return accepted
            }
            let stored = try await gateway.store.listEvents(.init(limit: 500)).events
            #expect(stored.count == accepted, "\(seed)")
            for summary in stored {
                #expect(try await gateway.store.report(for: summary.id) != nil, "\(seed)")
            }
        }
    }

    /// Bytes no HTTP client sends in a header value (control characters, DEL, bare CR) and header names
    /// that are not tokens: the parser refuses them with a 400, or they reach a check that answers 4xx.
    @Test func controlCharactersInHeadersAreRefused() async throws {
        let gateway = try GatewayHarness(rules: "sources:\n  open: { kind: form, verify: { scheme: none } }\n")
        let body = #"{"email":"jane@example.com","message":"Hello"}"#
        let lines = [
            "X-Test: a\u{01}b", "X-Test: a\u{7F}b", "X-Test: a\u{00}b", "X-Test: a\rb", "X Test: x", "X-Tést: x", ": empty-name", "X-Test:\u{1B}[2J",
            "Content-Length: 1\u{00}", "Content-Type: application/json\u{0B}",
        ]
        try await gateway.run { client in
            let port = try #require(client.port)
            for line in lines {
                let answer = try await withTimeout {
                    try await RawConnection.run(port: port) { connection in
                        try await connection.send(
                            "POST /hooks/open HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\n\(line)\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
                        )
                        return try await connection.read(until: "\r\n\r\n")
                    }
                }
                let status = Int(answer.dropFirst("HTTP/1.1 ".count).prefix(3)) ?? 0
                #expect((200..<300).contains(status) || (400..<500).contains(status), "\(line.debugDescription) → \(answer.prefix(40))")
            }
            let health = try await RawConnection.run(port: port) { connection in
                try await connection.send("GET /healthz HTTP/1.1\r\nHost: gateway\r\n\r\n")
                return try await connection.read(until: "ok\n")
            }
            #expect(health.hasPrefix("HTTP/1.1 200 OK"))
        }
        for summary in try await gateway.store.listEvents(.init()).events {
            let event = try #require(try await gateway.store.report(for: summary.id)).event
            #expect(!event.headers.values.contains { $0.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F } })
        }
    }
}
