import Foundation
import Testing

@testable import TicketGateServer

/// A source's `rate_limit` is an allowance of authenticated requests: requests that fail verification take
/// nothing from it, and a client past it is refused from its headers, before its body is read.
@Suite struct RateAllowanceTests {
    static let rules = """
        sources:
          website:
            kind: form
            format: generic
            rate_limit: 2/min
            verify: { scheme: hmac-sha256, header: X-Signature, encoding: hex, prefix: "sha256=", secrets: [\(GatewayHarness.secret)] }
            fields: { email: from, subject: topic, message: body }
        """

    static func form(_ index: Int) -> String {
        #"{"from":"jane@example.com","topic":"Question \#(index)","body":"Hello."}"#
    }

    /// The finding: five posts signed with a wrong key, then the right key. The wrong ones are 401 and the right
    /// one is accepted; the allowance of two is then used by two signed events, and a third is 429.
    @Test func failedVerificationsTakeNothingFromTheAllowance() async throws {
        let gateway = try GatewayHarness(rules: Self.rules)
        try await gateway.run { client in
            for index in 0..<5 {
                let wrong = try await client.postHook(body: Self.form(index), signature: Signing.header(Self.form(index), secret: "wrong-key"))
                #expect(wrong.status == .unauthorized)
            }
            #expect(try await client.postHook(body: Self.form(5)).status == .accepted)
            #expect(try await client.postHook(body: Self.form(6)).status == .accepted)
            let refused = try await client.postHook(body: Self.form(7))
            #expect(refused.status == .tooManyRequests)
            #expect(refused.json?["type"]?.string == "urn:ticketgate:problem:rate-limited")
            #expect(refused.headers[.retryAfter] != nil)
        }
        #expect(gateway.runtime.metrics.exposition().contains(#"ticketgate_events_received_total{source="website",outcome="rate_limited"} 1"#))
    }

    /// A client past its allowance is refused from its headers: a post that declares 2 MiB and sends none of it
    /// is answered 429 at once, with its connection closed.
    @Test func aClientPastItsAllowanceIsRefusedBeforeItsBodyIsRead() async throws {
        let gateway = try GatewayHarness(rules: Self.rules)
        try await gateway.run { client in
            #expect(try await client.postHook(body: Self.form(1)).status == .accepted)
            #expect(try await client.postHook(body: Self.form(2)).status == .accepted)
            let port = try #require(client.port)
            let answer = try await withTimeout {
                try await RawConnection.run(port: port) { connection in
                    try await connection.send(
                        "POST /hooks/website HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\nContent-Length: \(2 << 20)\r\n"
                            + "X-Signature: sha256=\(String(repeating: "0", count: 64))\r\n\r\n")
                    return try await connection.readUntilClosed()
                }
            }
            #expect(answer.hasPrefix("HTTP/1.1 429 Too Many Requests\r\n"), "\(answer)")
            #expect(answer.contains("Connection: close\r\n"))
        }
    }
}
