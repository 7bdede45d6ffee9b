import Foundation
import Testing

@testable import TicketGateServer

/// What a client can make the gateway spend on a connection: every wait is bounded by a timeout, the number
/// of connections by a maximum, and HTTP/1.1's framing rules are kept, with every closing logged and counted.
@Suite struct ConnectionLimitTests {
    static let rules = """
        sources:
          open: { kind: form, format: generic, verify: { scheme: none } }
          sendgrid: { kind: email, format: sendgrid, verify: { scheme: basic, secrets: ["sendgrid:correct-horse-battery"] } }
        """

    static let form = #"{"email":"jane@example.com","message":"Hello"}"#

    /// A harness whose limits are short enough to reach in a test.
    static func gateway(_ limits: HTTPLimits = HTTPLimits(headerTimeout: .seconds(1), bodyTimeout: .seconds(1), idleTimeout: .seconds(1)))
        throws -> GatewayHarness
    {
        var gateway = try GatewayHarness(rules: rules)
        gateway.configuration.http = limits
        return gateway
    }

    static func request(_ path: String = "/hooks/open", body: String = form, version: String = "1.1", extra: String = "") -> String {
        "POST \(path) HTTP/\(version)\r\nHost: gateway\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\(extra)\r\n\(body)"
    }

    @Test func headersThatNeverEndAreCutOffAndLogged() async throws {
        let gateway = try Self.gateway()
        try await gateway.run { client in
            let port = try #require(client.port)
            let received = try await withTimeout {
                try await RawConnection.run(port: port) { connection in
                    try await connection.send("POST /hooks/open HTTP/1.1\r\nHost: gateway\r\n")
                    return try await connection.readUntilClosed()
                }
            }
            #expect(received.isEmpty)
        }
        #expect(gateway.runtime.metrics.exposition().contains(#"ticketgate_connections_closed_total{reason="header_timeout"}"#))
        #expect(gateway.logs.all.contains { $0.contains("connection closed") && $0.contains("tg.reason=header_timeout") })
    }

    @Test func aBodyThatNeverEndsIsAnswered408() async throws {
        // Only the body timeout is short: a second's header timeout could close the connection first on a loaded
        // machine, before its headers were read, and then nothing is answered (one full run saw exactly that).
        let gateway = try Self.gateway(HTTPLimits(headerTimeout: .seconds(30), bodyTimeout: .seconds(1), idleTimeout: .seconds(30)))
        try await gateway.run { client in
            let port = try #require(client.port)
            let received = try await withTimeout {
                try await RawConnection.run(port: port) { connection in
                    try await connection.send(
                        "POST /hooks/open HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{")
                    return try await connection.readUntilClosed()
                }
            }
            #expect(received.hasPrefix("HTTP/1.1 408 Request Timeout\r\n"))
            #expect(received.contains("urn:ticketgate:problem:request-timeout"))
            #expect(try await gateway.store.listEvents(.init()).events.isEmpty)
        }
    }

    @Test func anIdleKeepAliveConnectionIsClosed() async throws {
        // Only the idle timeout is short: a second's header timeout could close the connection first on a
        // loaded machine, before its request was read.
        let gateway = try Self.gateway(HTTPLimits(headerTimeout: .seconds(30), bodyTimeout: .seconds(30), idleTimeout: .seconds(1)))
        try await gateway.run { client in
            let port = try #require(client.port)
            let received = try await withTimeout {
                try await RawConnection.run(port: port) { connection in
                    try await connection.send("GET /healthz HTTP/1.1\r\nHost: gateway\r\n\r\n")
                    try await connection.read(until: "ok\n")
                    return try await connection.readUntilClosed()
                }
            }
            #expect(received.hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(!received.contains("Connection: close"))
        }
        #expect(gateway.logs.all.contains { $0.contains("tg.reason=idle_timeout") })
    }

    @Test func connectionsPastTheMaximumAreClosedCountedAndLogged() async throws {
        let gateway = try Self.gateway(HTTPLimits(headerTimeout: .seconds(30), maxConnections: 3))
        try await gateway.run { client in
            let port = try #require(client.port)
            // The test client holds one connection; two more fill the gateway, and the next ones are closed at once.
            try await RawConnection.run(port: port) { first in
                try await first.send("GET /healthz HTTP/1.1\r\nHost: gateway\r\n\r\n")
                try await first.read(until: "ok\n")
                try await RawConnection.run(port: port) { second in
                    try await second.send("GET /healthz HTTP/1.1\r\nHost: gateway\r\n\r\n")
                    try await second.read(until: "ok\n")
                    for _ in 0..<2 {
                        let refused = try await withTimeout {
                            try await RawConnection.run(port: port) { connection in try await connection.readUntilClosed() }
                        }
                        #expect(refused.isEmpty)
                    }
                }
            }
        }
        #expect(gateway.runtime.metrics.exposition().contains("ticketgate_connections_refused_total 2"))
        #expect(gateway.logs.all.contains { $0.contains("connection limit reached") && $0.contains("tg.connections.max=3") })
    }

    @Test func http10WithoutKeepAliveIsClosedAfterItsAnswer() async throws {
        let gateway = try Self.gateway(HTTPLimits())
        try await gateway.run { client in
            let port = try #require(client.port)
            let received = try await withTimeout {
                try await RawConnection.run(port: port) { connection in
                    try await connection.send(Self.request(version: "1.0"))
                    return try await connection.readUntilClosed()
                }
            }
            #expect(received.hasPrefix("HTTP/1.1 202 Accepted\r\n"))
            #expect(received.contains("Connection: close\r\n"))
        }
    }

    @Test func expect100ContinueIsAnsweredBeforeTheBodyIsSent() async throws {
        let gateway = try Self.gateway(HTTPLimits())
        try await gateway.run { client in
            let port = try #require(client.port)
            try await withTimeout {
                try await RawConnection.run(port: port) { connection in
                    let body = Self.form
                    try await connection.send(
                        "POST /hooks/open HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nExpect: 100-continue\r\n\r\n"
                    )
                    let interim = try await connection.read(until: "\r\n\r\n")
                    #expect(interim == "HTTP/1.1 100 Continue\r\n\r\n")
                    try await connection.send(body)
                    #expect(try await connection.read(until: "accepted").contains("HTTP/1.1 202 Accepted\r\n"))
                }
            }
        }
    }

    @Test func expect100ContinueOnARefusedRequestGetsTheRefusalAndNoContinue() async throws {
        let gateway = try Self.gateway(HTTPLimits())
        try await gateway.run { client in
            let port = try #require(client.port)
            let received = try await withTimeout {
                try await RawConnection.run(port: port) { connection in
                    try await connection.send(
                        "POST /hooks/sendgrid HTTP/1.1\r\nHost: gateway\r\nContent-Type: multipart/form-data; boundary=x\r\n"
                            + "Content-Length: 25000000\r\nExpect: 100-continue\r\n\r\n")
                    return try await connection.readUntilClosed()
                }
            }
            #expect(received.hasPrefix("HTTP/1.1 401 Unauthorized\r\n"))
            #expect(!received.contains("100 Continue"))
            #expect(received.contains("Connection: close\r\n"))
        }
    }

    /// Framing the HTTP parser refuses, in the headers or in the body: each a 400 and a closed connection,
    /// never a 500 or an error in the log.
    @Test(arguments: [
        ("Transfer-Encoding: xchunked\r\n", "5\r\nhello\r\n0\r\n\r\n"),
        ("Transfer-Encoding: chunked\r\n", "ffffffffffffffffffffff\r\nhello\r\n0\r\n\r\n"),
        ("Transfer-Encoding: chunked\r\n", "zz\r\nhello\r\n0\r\n\r\n"),
        ("Transfer-Encoding: chunked\r\n", "-5\r\nhello\r\n0\r\n\r\n"),
        ("Transfer-Encoding: gzip, chunked, chunked\r\n", "5\r\nhello\r\n0\r\n\r\n"),
        ("Content-Length: 99999999999999999999999\r\n", "hello"),
        ("Content-Length: -1\r\n", "hello"),
        ("Content-Length: 5\r\nContent-Length: 6\r\n", "hello!"),
    ])
    func brokenFramingIsA400(headers: String, body: String) async throws {
        let gateway = try Self.gateway(HTTPLimits())
        try await gateway.run { client in
            let port = try #require(client.port)
            let received = try await withTimeout {
                try await RawConnection.run(port: port) { connection in
                    try await connection.send("POST /hooks/open HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\n\(headers)\r\n\(body)")
                    return try await connection.readUntilClosed()
                }
            }
            #expect(received.hasPrefix("HTTP/1.1 400 Bad Request\r\n"), "\(received)")
            #expect(try await gateway.store.listEvents(.init()).events.isEmpty)
        }
        #expect(!gateway.logs.all.contains { $0.hasPrefix("error") || $0.hasPrefix("critical") })
    }
}
