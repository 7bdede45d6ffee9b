import Foundation
import Testing

@testable import TicketGateServer

/// Pipelined requests over one connection, sent in one packet: every request the gateway reads is answered, in
/// order, before the connection closes, and a request after one that closes the connection (`Connection: close`,
/// or HTTP/1.0 without keep-alive) is not processed at all.
@Suite struct PipeliningTests {
    static let rules = """
        sources:
          open: { kind: form, format: generic, verify: { scheme: none } }
        """

    static func gateway() throws -> GatewayHarness {
        var gateway = try GatewayHarness(rules: rules)
        gateway.configuration.http = HTTPLimits(headerTimeout: .seconds(60), bodyTimeout: .seconds(60), idleTimeout: .seconds(60))
        return gateway
    }

    /// One request: its HTTP version and what it says about the connection, such as `1.1`, `1.1 close`, `1.0`
    /// or `1.0 keep-alive`.
    static func request(_ kind: String, index: Int) -> String {
        let parts = kind.split(separator: " ")
        let body = #"{"email":"jane@example.com","message":"Pipelined \#(index)"}"#
        let connection = parts.count > 1 ? "Connection: \(parts[1])\r\n" : ""
        return "POST /hooks/open HTTP/\(parts[0])\r\nHost: gateway\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n"
            + "\(connection)\r\n\(body)"
    }

    @Test(arguments: [
        (["1.1", "1.1 close"], 2),
        (["1.1", "1.1 close", "1.1"], 2),
        (["1.1 close", "1.1", "1.1 close"], 1),
        (["1.0", "1.1 close"], 1),
        (["1.0 keep-alive", "1.1", "1.1 Close"], 3),
        (["1.1", "1.1", "1.1", "1.1", "1.1", "1.1", "1.1 close", "1.1", "1.1"], 7),
    ])
    func everyRequestReadIsAnsweredAndNoneAfterTheLast(requests: [String], answered: Int) async throws {
        let gateway = try Self.gateway()
        try await gateway.run { client in
            let port = try #require(client.port)
            let received = try await withTimeout {
                try await RawConnection.run(port: port) { connection in
                    try await connection.send(requests.enumerated().map { Self.request($1, index: $0) }.joined())
                    return try await connection.readUntilClosed()
                }
            }
            let answers = received.components(separatedBy: "HTTP/1.1 ").dropFirst()
            #expect(answers.count == answered, "\(received)")
            #expect(answers.allSatisfy { $0.hasPrefix("202 Accepted\r\n") }, "\(received)")
            #expect(answers.last?.contains("Connection: close\r\n") == true)
            let events = try await gateway.store.listEvents(.init()).events
            #expect(events.count == answered)
        }
    }
}
