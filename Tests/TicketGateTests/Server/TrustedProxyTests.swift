import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TicketGateCore

@testable import TicketGateServer

/// Behind a reverse proxy: `X-Forwarded-For` and `X-Forwarded-Proto` count only from a trusted peer, and the
/// client address they give reaches the audit, the rules and the per-client rate limit.
@Suite struct TrustedProxyTests {
    /// The sample rules, with a rule on the client address and a per-client limit on the source.
    static let rules =
        TestRules.website(sppURL: "http://127.0.0.1:9", token: nil)
        .replacingOccurrences(of: "    fields: {", with: "    rate_limit: 2/min\n    fields: {")
            + """

              - name: office
                when: { client.ip: 203.0.113.7 }
                set: { tags: [office] }
                continue: true
            """

    static func gateway(trusting proxies: String) throws -> GatewayHarness {
        var gateway = try GatewayHarness(rules: rules, environment: TestRules.environment)
        gateway.configuration.trustedProxies = try TrustedProxies(parsing: proxies)
        return gateway
    }

    static func form(_ index: Int) -> String {
        #"{"from":"jane@example.com","topic":"Question \#(index)","body":"Hello."}"#
    }

    @Test func forwardedForFromAnUntrustedPeerIsIgnored() async throws {
        // The test client connects from 127.0.0.1, which this gateway does not trust.
        let gateway = try Self.gateway(trusting: "10.0.0.0/8")
        try await gateway.run { client in
            let response = try await client.postHook(body: Self.form(1), headers: ["X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"])
            let report = try await gateway.report(try #require(response.eventID))
            #expect(report.event.clientIP == "127.0.0.1")
            #expect(!report.decision.matchedRules.contains("office"))
            let received = try #require(report.audit.first { $0.record.stage == .received })
            #expect(received.record.detail["client_ip"] == .string("127.0.0.1"))
            #expect(received.record.detail["scheme"] == .string("http"))
        }
    }

    @Test func forwardedForFromATrustedPeerNamesTheClient() async throws {
        let gateway = try Self.gateway(trusting: "127.0.0.1, ::1")
        try await gateway.run { client in
            // The left-most entry is whatever the client wrote; the proxy appended the address it saw.
            let response = try await client.postHook(
                body: Self.form(1), headers: ["X-Forwarded-For": "198.51.100.1, 203.0.113.7", "X-Forwarded-Proto": "https"])
            let report = try await gateway.report(try #require(response.eventID))
            #expect(report.event.clientIP == "203.0.113.7")
            #expect(report.decision.matchedRules.contains("office"))
            let received = try #require(report.audit.first { $0.record.stage == .received })
            #expect(received.record.detail["client_ip"] == .string("203.0.113.7"))
            #expect(received.record.detail["scheme"] == .string("https"))
        }
    }

    @Test func rateLimitCountsEachClientAddressApart() async throws {
        let gateway = try Self.gateway(trusting: "127.0.0.1")
        try await gateway.run { client in
            let first = ["X-Forwarded-For": "203.0.113.7"]
            let one = try await client.postHook(body: Self.form(1), headers: first)
            let two = try await client.postHook(body: Self.form(2), headers: first)
            #expect(one.status == .accepted && two.status == .accepted)
            let refused = try await client.postHook(body: Self.form(3), headers: first)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.contentType] == "application/problem+json")
            #expect(refused.json?["type"] == "urn:ticketgate:problem:rate-limited")
            let retryAfter = try #require(refused.headers[.retryAfter].flatMap(Int.init))
            #expect((1...30).contains(retryAfter))
            // Another client behind the same proxy has its own allowance.
            let other = try await client.postHook(body: Self.form(4), headers: ["X-Forwarded-For": "198.51.100.9"])
            #expect(other.status == .accepted)
        }
    }

    @Test func anUntrustedClientCannotDodgeTheLimitByForgingForwardedFor() async throws {
        let gateway = try Self.gateway(trusting: "10.0.0.0/8")
        try await gateway.run { client in
            for index in 1...2 {
                let forged = ["X-Forwarded-For": "198.51.100.\(index)"]
                let response = try await client.postHook(body: Self.form(index), headers: forged)
                #expect(response.status == .accepted)
            }
            let third = try await client.postHook(body: Self.form(3), headers: ["X-Forwarded-For": "198.51.100.3"])
            #expect(third.status == .tooManyRequests)
        }
    }

    @Test(arguments: [
        ("10.0.0.0/8", "10.200.3.4", true), ("10.0.0.0/8", "11.0.0.1", false), ("192.168.1.0/25", "192.168.1.127", true),
        ("192.168.1.0/25", "192.168.1.128", false), ("127.0.0.1", "127.0.0.1", true), ("127.0.0.1", "127.0.0.2", false),
        ("fd00::/8", "fd12:3456::1", true), ("fd00::/8", "fe80::1", false), ("::1", "::1", true), ("10.0.0.0/8", "::ffff:10.1.2.3", true),
        ("0.0.0.0/0", "8.8.8.8", true), ("10.0.0.0/8", "not-an-address", false),
    ])
    func networksMatchTheirAddresses(network: String, address: String, contained: Bool) throws {
        #expect(try #require(IPNetwork(network)).contains(address) == contained)
    }

    @Test(arguments: ["10.0.0.0/33", "::/129", "10.0.0/8", "example.com", "10.0.0.0/", ""])
    func malformedNetworksAreRefused(text: String) {
        #expect(IPNetwork(text) == nil)
    }

    @Test func aMalformedTrustedProxyListStopsTheStart() {
        #expect(throws: StartupError.self) { try GatewayConfiguration.fromEnvironment(["TICKETGATE_TRUSTED_PROXIES": "10.0.0.0/8, nonsense"]) }
    }

    @Test func aChainOfTrustedProxiesIsWalkedFromTheRight() {
        let proxies = TrustedProxies([IPNetwork("10.0.0.0/8")!])
        func origin(_ forwarded: String, peer: String = "10.0.0.1") -> String? {
            var headers = HTTPFields()
            headers[.xForwardedFor] = forwarded
            return proxies.origin(peer: peer, headers: headers).address
        }
        #expect(origin("203.0.113.7, 10.1.1.1, 10.2.2.2") == "203.0.113.7")
        #expect(origin("198.51.100.1, 203.0.113.7:5123, 10.2.2.2") == "203.0.113.7")
        #expect(origin("[2001:db8::7]:443") == "2001:db8::7")
        #expect(origin("10.3.3.3, 10.2.2.2") == "10.3.3.3")
        #expect(origin("unknown, 10.2.2.2") == "10.2.2.2")
        #expect(origin("203.0.113.7", peer: "192.0.2.1") == "192.0.2.1")
    }
}
