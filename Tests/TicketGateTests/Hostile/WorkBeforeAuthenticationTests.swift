import Foundation
import Testing
import TicketGateCore

@testable import TicketGateServer

/// What an unauthenticated client can make the gateway spend: credentials in headers are checked before any
/// of the body is read, the body bytes that arrived are held to a budget (the gateway's and each client's), and
/// bodies parsed before their signature is checked have a place each, or are turned away at once.
@Suite struct WorkBeforeAuthenticationTests {
    static let rules = """
        sources:
          sendgrid: { kind: email, format: sendgrid, verify: { scheme: basic, secrets: ["sendgrid:correct-horse-battery"] } }
          signed: { kind: form, format: generic, max_body_bytes: 4MiB, verify: { scheme: hmac-sha256, header: X-Signature, secrets: [form-secret] } }
          token: { kind: form, format: generic, max_body_bytes: 4MiB, verify: { scheme: token, query: token, secrets: [form-token-1234] } }
          open: { kind: form, format: generic, max_body_bytes: 4MiB, verify: { scheme: none } }
          mailgun: { kind: email, format: mailgun, verify: { scheme: mailgun, secrets: [mailgun-key] } }
        """

    /// Headers of a request that declares `length` body bytes and sends none of them.
    static func head(_ path: String, length: Int, extra: String = "") -> String {
        "POST \(path) HTTP/1.1\r\nHost: gateway\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: \(length)\r\n\(extra)\r\n"
    }

    /// Forty uploads without credentials, as in the attack (24 MiB each to the email source, 2 MiB to the form
    /// sources): each is refused from its headers alone, with its connection closed, while not one byte of its
    /// body was sent.
    @Test(arguments: [
        ("/hooks/sendgrid", "", "credentials-missing"),
        ("/hooks/sendgrid", "Authorization: Basic c2VuZGdyaWQ6d3Jvbmc=\r\n", "credentials-invalid"),
        ("/hooks/signed", "", "signature-missing"),
        ("/hooks/signed", "X-Signature: not-hex\r\n", "signature-mismatch"),
        ("/hooks/token?token=wrong", "", "credentials-invalid"),
        ("/hooks/nowhere", "", "unknown-source"),
    ])
    func credentialsInHeadersAreCheckedBeforeTheBody(path: String, extra: String, problem: String) async throws {
        let gateway = try GatewayHarness(rules: Self.rules)
        try await gateway.run { client in
            let port = try #require(client.port)
            try await withTimeout {
                try await withThrowingTaskGroup(of: String.self) { group in
                    for _ in 0..<40 {
                        group.addTask {
                            try await RawConnection.run(port: port) { connection in
                                try await connection.send(Self.head(path, length: path.contains("sendgrid") ? 24 << 20 : 2 << 20, extra: extra))
                                return try await connection.readUntilClosed()
                            }
                        }
                    }
                    for try await answer in group {
                        #expect(answer.contains("urn:ticketgate:problem:\(problem)"), "\(answer)")
                        #expect(answer.contains("Connection: close\r\n"))
                    }
                }
            }
        }
    }

    /// The headers of a JSON post to the open source that declares `length` bytes, from `forwardedFor` when given.
    static func jsonHead(length: Int, forwardedFor: String? = nil) -> String {
        head("/hooks/open", length: length, extra: forwardedFor.map { "X-Forwarded-For: \($0)\r\n" } ?? "")
            .replacingOccurrences(of: "multipart/form-data; boundary=x", with: "application/json")
    }

    /// One client address holds at most its budget of bodies at once: while a first upload holds most of it, a
    /// second one is answered 429 once its bytes would take the client past it.
    @Test func oneClientsUploadsAreHeldToItsBudget() async throws {
        var gateway = try GatewayHarness(rules: Self.rules)
        gateway.configuration.http = HTTPLimits(bodyBudget: 4 << 20, clientBodyBudget: 1 << 20, minBodyRate: 0)
        try await gateway.run { client in
            let port = try #require(client.port)
            try await withTimeout {
                try await RawConnection.run(port: port) { first in
                    try await first.send(Self.jsonHead(length: 900 << 10) + String(repeating: " ", count: (900 << 10) - 1))
                    try await client.metric("ticketgate_body_bytes_held") { $0 == Double((900 << 10) - 1 - BodyReader.unbudgeted) }
                    let second = try await RawConnection.run(port: port) { second in
                        try await second.send(Self.jsonHead(length: 300 << 10))
                        try? await second.send(String(repeating: " ", count: 300 << 10))
                        return try await second.readUntilClosed()
                    }
                    #expect(second.hasPrefix("HTTP/1.1 429 Too Many Requests\r\n"), "\(second)")
                    #expect(second.contains("Retry-After: 5\r\n"))
                    #expect(second.contains("urn:ticketgate:problem:client-busy"))
                }
            }
            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(metrics.contains(#"ticketgate_requests_shed_total{reason="client_body_budget"} 1"#))
        }
    }

    /// Every client's bodies together are held to the gateway's budget: two clients (told apart by a trusted
    /// proxy) whose uploads together would overrun it; the second is answered 503.
    @Test func everyClientsUploadsTogetherAreHeldToTheGatewaysBudget() async throws {
        var gateway = try GatewayHarness(rules: Self.rules)
        gateway.configuration.http = HTTPLimits(bodyBudget: 1 << 20, clientBodyBudget: 1 << 20, minBodyRate: 0)
        gateway.configuration.trustedProxies = try TrustedProxies(parsing: "127.0.0.1")
        try await gateway.run { client in
            let port = try #require(client.port)
            try await withTimeout {
                try await RawConnection.run(port: port) { first in
                    try await first.send(
                        Self.jsonHead(length: 900 << 10, forwardedFor: "203.0.113.1") + String(repeating: " ", count: (900 << 10) - 1))
                    try await client.metric("ticketgate_body_bytes_held") { $0 == Double((900 << 10) - 1 - BodyReader.unbudgeted) }
                    let second = try await RawConnection.run(port: port) { second in
                        try await second.send(Self.jsonHead(length: 300 << 10, forwardedFor: "203.0.113.2"))
                        try? await second.send(String(repeating: " ", count: 300 << 10))
                        return try await second.readUntilClosed()
                    }
                    #expect(second.hasPrefix("HTTP/1.1 503 Service Unavailable\r\n"), "\(second)")
                    #expect(second.contains("Retry-After: 5\r\n"))
                    #expect(second.contains("urn:ticketgate:problem:server-busy"))
                }
            }
        }
    }

    /// A chunked body has no declared length: it is held to the budget as it arrives.
    @Test func aChunkedBodyIsHeldToTheBudgetAsItArrives() async throws {
        var gateway = try GatewayHarness(rules: Self.rules)
        gateway.configuration.http = HTTPLimits(bodyBudget: 1 << 20, clientBodyBudget: 1 << 20)
        try await gateway.run { client in
            let port = try #require(client.port)
            let answer = try await withTimeout {
                try await RawConnection.run(port: port) { connection in
                    try await connection.send(
                        "POST /hooks/open HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    let chunk = "10000\r\n" + String(repeating: " ", count: 0x10000) + "\r\n"
                    // Past the first 64 KiB, which no body is held to, the eighteenth chunk passes 1 MiB.
                    for _ in 0..<18 {
                        try? await connection.send(chunk)
                    }
                    return try await connection.readUntilClosed()
                }
            }
            #expect(answer.hasPrefix("HTTP/1.1 429 Too Many Requests\r\n"), "\(answer.prefix(200))")
        }
        #expect(gateway.runtime.metrics.exposition().contains(#"ticketgate_requests_shed_total{reason="client_body_budget"} 1"#))
    }

    /// A Mailgun form is parsed before its signature can be checked. While every place for that is taken, an
    /// unsigned post is answered 503 at once, before a byte of it is parsed (a body that does not parse gets
    /// the same answer).
    @Test func bodiesParsedBeforeVerificationWaitForAFreePlaceOrAreTurnedAway() async throws {
        let gateway = try GatewayHarness(rules: Self.rules)
        let parsing = gateway.runtime.unverifiedParsing
        for _ in 0..<parsing.capacity {
            #expect(parsing.occupy())
        }
        try await gateway.run { client in
            for body in ["from=jane%40example.com&body-plain=Hello&timestamp=1&token=t&signature=00", "%zz"] {
                let response = try await client.post("/hooks/mailgun", body: body, contentType: "application/x-www-form-urlencoded")
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "2")
                #expect(response.json?["type"]?.string == "urn:ticketgate:problem:server-busy")
            }
            parsing.release()
            let response = try await client.post("/hooks/mailgun", body: "%zz", contentType: "application/x-www-form-urlencoded")
            #expect(response.status == .badRequest)
        }
        for _ in 1..<parsing.capacity {
            parsing.release()
        }
    }
}
