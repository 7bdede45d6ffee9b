import Testing

@testable import TicketGateServer

/// The settings of the client shares: each from its environment variable (or `serve` flag), checked against
/// its range, with defaults that follow the maximum number of connections.
@Suite struct ClientShareSettingsTests {
    @Test func defaults() throws {
        let limits = try HTTPLimits(environment: [:])
        #expect(limits.clientConnections == 128)
        #expect(limits.minBodyRate == 1024)
        #expect(limits.bodyRateWindow == .seconds(5))
        #expect(HTTPLimits(maxConnections: 40).clientConnections == 8)
        #expect(HTTPLimits(maxConnections: 3).clientConnections == 3)
        #expect(HTTPLimits(maxConnections: 64, maxClientConnections: 100).clientConnections == 64)
    }

    @Test func valuesFromTheEnvironment() throws {
        let limits = try HTTPLimits(environment: [
            "TICKETGATE_MAX_CONNECTIONS": "2000", "TICKETGATE_MAX_CLIENT_CONNECTIONS": "50", "TICKETGATE_MIN_BODY_RATE": "16KiB",
            "TICKETGATE_BODY_RATE_WINDOW": "10",
        ])
        #expect(limits.clientConnections == 50)
        #expect(limits.minBodyRate == 16 << 10)
        #expect(limits.bodyRateWindow == .seconds(10))
        #expect(try HTTPLimits(environment: ["TICKETGATE_MIN_BODY_RATE": "0"]).minBodyRate == 0)
        #expect(try HTTPLimits(environment: ["TICKETGATE_MAX_CONNECTIONS": "2000"]).clientConnections == 250)
    }

    @Test(arguments: [
        ("TICKETGATE_MAX_CLIENT_CONNECTIONS", "0", "--max-client-connections"),
        ("TICKETGATE_MAX_CLIENT_CONNECTIONS", "99999999999999999999", "--max-client-connections"),
        ("TICKETGATE_MIN_BODY_RATE", "-1", "--min-body-rate"),
        ("TICKETGATE_MIN_BODY_RATE", "2GiB", "--min-body-rate"),
        ("TICKETGATE_MIN_BODY_RATE", "fast", "--min-body-rate"),
        ("TICKETGATE_BODY_RATE_WINDOW", "0", "--body-rate-window"),
    ])
    func valuesOutOfRangeAreRefused(variable: String, value: String, flag: String) {
        #expect {
            try HTTPLimits(environment: [variable: value])
        } throws: { error in
            let text = "\(error)"
            return text.contains(variable) && text.contains(flag) && text.contains("'\(value)'")
        }
    }
}
