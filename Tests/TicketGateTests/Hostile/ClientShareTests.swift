import Foundation
import Testing

@testable import TicketGateServer

/// What clients that never finish can take from the others: a declared body holds nothing of the body budget
/// until its bytes arrive, a body that stops arriving is cut off by the minimum rate, a small body is not held to
/// the budget at all, and one client address holds no more than its share of the connections. Through all of
/// it, signed events from another address are accepted. The cases run one at a time: each opens tens to a
/// thousand connections, and side by side (and beside the rest of the suite) they starved each other's gateways
/// of event-loop time past the hang guards.
@Suite(.serialized) struct ClientShareTests {
    static let rules = """
        sources:
          website:
            kind: form
            format: generic
            max_body_bytes: 1MiB
            verify: { scheme: hmac-sha256, header: X-Signature, encoding: hex, prefix: "sha256=", secrets: [\(GatewayHarness.secret)] }
            fields: { email: from, subject: topic, message: body }
          mailgun: { kind: email, format: mailgun, max_body_bytes: 1MiB, verify: { scheme: mailgun, secrets: [mailgun-key] } }
        """

    /// Six attacking addresses, two connections each.
    static let attackers = (0..<12).map { "127.0.0.\(2 + $0 % 6)" }

    /// A signed contact form, `padding` characters longer than a short one.
    static func form(_ index: Int, padding: Int = 0) -> String {
        #"{"from":"jane@example.com","topic":"Question \#(index)","body":"Hello.\#(String(repeating: " ", count: padding))"}"#
    }

    /// `form` as one raw HTTP/1.1 request, signed, closing its connection after the answer.
    static func signedRequest(_ body: String) -> String {
        "POST /hooks/website HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n"
            + "X-Signature: \(Signing.header(body, secret: GatewayHarness.secret))\r\nConnection: close\r\n\r\n\(body)"
    }

    /// The headers of an unsigned Mailgun upload that declares `length` bytes.
    static func upload(length: Int, expectContinue: Bool = false) -> String {
        "POST /hooks/mailgun HTTP/1.1\r\nHost: gateway\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: \(length)\r\n"
            + (expectContinue ? "Expect: 100-continue\r\n" : "") + "\r\n"
    }

    static func gateway(_ limits: HTTPLimits, trusting proxies: String = "") throws -> GatewayHarness {
        var gateway = try GatewayHarness(rules: rules)
        gateway.configuration.http = limits
        gateway.configuration.trustedProxies = try TrustedProxies(parsing: proxies)
        return gateway
    }

    /// The attack of the finding: twelve connections from six addresses declare bodies as large as the source
    /// takes and send nothing. Nothing is held for them, so signed events from another address are accepted
    /// while they wait (without the minimum rate, which would end them).
    @Test func declaredBodiesThatNeverArriveHoldNothing() async throws {
        let gateway = try Self.gateway(
            HTTPLimits(
                headerTimeout: .seconds(60), bodyTimeout: .seconds(60), idleTimeout: .seconds(60), bodyBudget: 8 << 20,
                clientBodyBudget: 2 << 20, minBodyRate: 0))
        try await gateway.run { client in
            let port = try #require(client.port)
            try await withTimeout {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    let (interims, interim) = AsyncStream.makeStream(of: String.self)
                    for address in Self.attackers {
                        group.addTask {
                            try await RawConnection.run(port: port, from: address) { connection in
                                try await connection.send(Self.upload(length: 1 << 20, expectContinue: true))
                                // The gateway has taken the headers in once it says to go on (or refuses).
                                interim.yield(try await connection.read(until: "\r\n\r\n").components(separatedBy: "\r\n")[0])
                                try await connection.readUntilClosed()
                            }
                        }
                    }
                    var lines: [String] = []
                    for await line in interims {
                        lines.append(line)
                        if lines.count == Self.attackers.count { break }
                    }
                    #expect(lines.allSatisfy { $0 == "HTTP/1.1 100 Continue" }, "\(lines)")
                    for index in 0..<3 {
                        let response = try await client.postHook(body: Self.form(index, padding: 200 << 10))
                        #expect(response.status == .accepted, "\(String(buffer: response.body))")
                    }
                    #expect(try await client.metric("ticketgate_body_bytes_held") { _ in true } == 0)
                    group.cancelAll()
                }
            }
        }
    }

    /// Uploads that send most of their bodies and stop hold the whole budget: a signed event too large for what
    /// is left is answered 503, but a small one is accepted, since a body's first 64 KiB are not held to it.
    @Test func smallEventsAreAcceptedWhileOthersHoldTheBudget() async throws {
        let gateway = try Self.gateway(
            HTTPLimits(
                headerTimeout: .seconds(60), bodyTimeout: .seconds(60), idleTimeout: .seconds(60), bodyBudget: 8 << 20,
                clientBodyBudget: 2 << 20, minBodyRate: 0))
        let sent = (1 << 20) - 1
        // Eight uploads fit, each holding what it sent beyond its first 64 KiB; the other four are refused.
        let holding = 8 * (sent - BodyReader.unbudgeted)
        try await gateway.run { client in
            let port = try #require(client.port)
            try await withTimeout {
                try await withThrowingTaskGroup(of: String.self) { group in
                    for address in Self.attackers {
                        group.addTask {
                            try await RawConnection.run(port: port, from: address) { connection in
                                try await connection.send(Self.upload(length: 1 << 20))
                                try? await connection.send([UInt8](repeating: 0x78, count: sent))
                                return try await connection.readUntilClosed()
                            }
                        }
                    }
                    for _ in 0..<4 {
                        let refused = try #require(try await group.next())
                        #expect(refused.hasPrefix("HTTP/1.1 503 Service Unavailable\r\n"), "\(refused.prefix(200))")
                    }
                    try await client.metric("ticketgate_body_bytes_held") { $0 == Double(holding) }
                    let small = try await client.postHook(body: Self.form(1, padding: 60 << 10))
                    #expect(small.status == .accepted, "\(String(buffer: small.body))")
                    let large = try await client.postHook(body: Self.form(2, padding: 700 << 10))
                    #expect(large.status == .serviceUnavailable)
                    #expect(large.json?["type"]?.string == "urn:ticketgate:problem:server-busy")
                    group.cancelAll()
                }
            }
        }
    }

    /// Uploads that stop sending are cut off at the first rate window that brings less than the minimum: each is
    /// answered 408 and closed, logged and counted, the budget they held is free again, and a signed event that
    /// needs it is accepted.
    @Test func bodiesThatStopArrivingAreCutOffByTheMinimumRate() async throws {
        let gateway = try Self.gateway(
            HTTPLimits(
                headerTimeout: .seconds(60), bodyTimeout: .seconds(60), idleTimeout: .seconds(60), bodyBudget: 4 << 20,
                clientBodyBudget: 2 << 20, minBodyRate: 64 << 10, bodyRateWindow: .seconds(1)))
        try await gateway.run { client in
            let port = try #require(client.port)
            let answers = try await withTimeout {
                try await withThrowingTaskGroup(of: String.self) { group in
                    for address in Set(Self.attackers) {
                        group.addTask {
                            try await RawConnection.run(port: port, from: address) { connection in
                                try await connection.send(Self.upload(length: 1 << 20))
                                try await connection.send([UInt8](repeating: 0x78, count: 700 << 10))
                                return try await connection.readUntilClosed()
                            }
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
            }
            #expect(answers.count == 6)
            for answer in answers {
                #expect(answer.hasPrefix("HTTP/1.1 408 Request Timeout\r\n"), "\(answer.prefix(200))")
                #expect(answer.contains("the request body arrived too slowly"))
            }
            #expect(try await client.metric("ticketgate_body_bytes_held") { $0 == 0 } == 0)
            let response = try await client.postHook(body: Self.form(1, padding: 900 << 10))
            #expect(response.status == .accepted, "\(String(buffer: response.body))")
        }
        #expect(gateway.runtime.metrics.exposition().contains(#"ticketgate_connections_closed_total{reason="body_rate"} 6"#))
        #expect(gateway.logs.all.contains { $0.contains("connection closed") && $0.contains("tg.reason=body_rate") })
    }

    /// The second attack of the finding, scaled to a gateway of 64 connections: one address opens more idle
    /// connections than the gateway takes. It keeps its share (an eighth, 8), the rest are closed as they arrive,
    /// counted and logged, and signed events from another address are accepted.
    @Test func oneAddressHoldsNoMoreThanItsShareOfTheConnections() async throws {
        let gateway = try Self.gateway(HTTPLimits(headerTimeout: .seconds(60), maxConnections: 64))
        try await gateway.run { client in
            let port = try #require(client.port)
            try await withTimeout {
                try await RawConnection.holding(80, port: port, from: "127.0.0.2") {
                    for index in 0..<5 {
                        let answer = try await RawConnection.run(port: port) { connection in
                            try await connection.send(Self.signedRequest(Self.form(index)))
                            return try await connection.readUntilClosed()
                        }
                        #expect(answer.hasPrefix("HTTP/1.1 202 Accepted\r\n"), "\(answer)")
                    }
                }
            }
        }
        let metrics = gateway.runtime.metrics.exposition()
        #expect(metrics.contains("ticketgate_client_connections_refused_total 72"), "\(metrics)")
        #expect(!metrics.contains("ticketgate_connections_refused_total "))
        #expect(
            gateway.logs.all.contains {
                $0.contains("holds its share of the connections") && $0.contains("tg.client.peer=127.0.0.2")
                    && $0.contains("tg.connections.client_max=8")
            })
    }

    /// The finding as it was seen, at the default limits: one address keeps 1,100 idle connections open against
    /// a gateway of 1,024; signed events from another address are accepted.
    @Test func elevenHundredIdleConnectionsFromOneAddressLeaveRoomForOthers() async throws {
        let gateway = try Self.gateway(HTTPLimits(headerTimeout: .seconds(60)))
        try await gateway.run { client in
            let port = try #require(client.port)
            try await withTimeout(.seconds(120)) {
                try await RawConnection.holding(1_100, port: port, from: "127.0.0.2") {
                    for index in 0..<5 {
                        let answer = try await RawConnection.run(port: port) { connection in
                            try await connection.send(Self.signedRequest(Self.form(index)))
                            return try await connection.readUntilClosed()
                        }
                        #expect(answer.hasPrefix("HTTP/1.1 202 Accepted\r\n"), "\(answer)")
                    }
                }
            }
        }
        #expect(gateway.runtime.metrics.exposition().contains("ticketgate_client_connections_refused_total 972"))
    }

    /// Behind a reverse proxy every connection comes from the proxy: a trusted proxy has no share, only the
    /// gateway's maximum.
    @Test func aTrustedProxyIsNotHeldToAShare() async throws {
        let gateway = try Self.gateway(HTTPLimits(headerTimeout: .seconds(60), maxConnections: 64), trusting: "127.0.0.2")
        try await gateway.run { client in
            let port = try #require(client.port)
            try await withTimeout {
                try await RawConnection.holding(20, port: port, from: "127.0.0.2") {
                    let answer = try await RawConnection.run(port: port, from: "127.0.0.2") { connection in
                        try await connection.send(Self.signedRequest(Self.form(1)))
                        return try await connection.readUntilClosed()
                    }
                    #expect(answer.hasPrefix("HTTP/1.1 202 Accepted\r\n"), "\(answer)")
                }
            }
        }
        #expect(!gateway.runtime.metrics.exposition().contains("ticketgate_client_connections_refused_total"))
    }
}
