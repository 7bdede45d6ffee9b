import TicketGateRules

extension HTTPLimits {
    /// Each limit's environment variable and `serve` flag (the flag wins), for messages.
    static let variables: [(variable: String, flag: String)] = [
        ("TICKETGATE_HEADER_TIMEOUT", "header-timeout"), ("TICKETGATE_BODY_TIMEOUT", "body-timeout"), ("TICKETGATE_IDLE_TIMEOUT", "idle-timeout"),
        ("TICKETGATE_MAX_CONNECTIONS", "max-connections"), ("TICKETGATE_BODY_BUDGET", "body-budget"),
        ("TICKETGATE_CLIENT_BODY_BUDGET", "client-body-budget"), ("TICKETGATE_MAX_CLIENT_CONNECTIONS", "max-client-connections"),
        ("TICKETGATE_MIN_BODY_RATE", "min-body-rate"), ("TICKETGATE_BODY_RATE_WINDOW", "body-rate-window"),
    ]

    /// The limits the environment sets, the defaults for the rest; every value is checked against its range.
    init(environment: [String: String]) throws(StartupError) {
        self.init()
        headerTimeout = try Self.seconds("TICKETGATE_HEADER_TIMEOUT", environment) ?? headerTimeout
        bodyTimeout = try Self.seconds("TICKETGATE_BODY_TIMEOUT", environment) ?? bodyTimeout
        idleTimeout = try Self.seconds("TICKETGATE_IDLE_TIMEOUT", environment) ?? idleTimeout
        maxConnections = try Self.count("TICKETGATE_MAX_CONNECTIONS", environment) ?? maxConnections
        maxClientConnections = try Self.count("TICKETGATE_MAX_CLIENT_CONNECTIONS", environment) ?? maxClientConnections
        bodyBudget = try Self.bytes("TICKETGATE_BODY_BUDGET", environment) ?? bodyBudget
        clientBodyBudget = try Self.bytes("TICKETGATE_CLIENT_BODY_BUDGET", environment) ?? clientBodyBudget
        guard clientBodyBudget <= bodyBudget else {
            throw StartupError("TICKETGATE_CLIENT_BODY_BUDGET (--client-body-budget) must not be more than TICKETGATE_BODY_BUDGET (--body-budget)")
        }
        minBodyRate = try Self.rate("TICKETGATE_MIN_BODY_RATE", environment) ?? minBodyRate
        bodyRateWindow = try Self.seconds("TICKETGATE_BODY_RATE_WINDOW", environment) ?? bodyRateWindow
    }

    private static func flag(_ variable: String) -> String {
        variables.first { $0.variable == variable }.map { "--\($0.flag)" } ?? variable
    }

    /// A whole number from 1 to 1,000,000.
    private static func count(_ variable: String, _ environment: [String: String]) throws(StartupError) -> Int? {
        guard let text = environment[variable] else { return nil }
        guard let count = Int(text), (1...1_000_000).contains(count) else {
            throw StartupError("\(variable) (\(flag(variable))) must be a whole number from 1 to 1000000, found '\(text)'")
        }
        return count
    }

    /// Bytes per second such as `1KiB`, from 0 (no minimum) to 1 GiB.
    private static func rate(_ variable: String, _ environment: [String: String]) throws(StartupError) -> Int? {
        guard let text = environment[variable] else { return nil }
        guard let bytes = Quantities.size(text), (0...1 << 30).contains(bytes) else {
            throw StartupError("\(variable) (\(flag(variable))) must be bytes per second from 0 to 1GiB, such as 1KiB, found '\(text)'")
        }
        return bytes
    }

    /// Whole seconds from 1 to 3600.
    private static func seconds(_ variable: String, _ environment: [String: String]) throws(StartupError) -> Duration? {
        guard let text = environment[variable] else { return nil }
        guard let seconds = Int(text), (1...3600).contains(seconds) else {
            throw StartupError("\(variable) (\(flag(variable))) must be a whole number of seconds from 1 to 3600, found '\(text)'")
        }
        return .seconds(seconds)
    }

    /// A size such as `256MiB`, from 1 MiB to 64 GiB.
    private static func bytes(_ variable: String, _ environment: [String: String]) throws(StartupError) -> Int? {
        guard let text = environment[variable] else { return nil }
        guard let bytes = Quantities.size(text), (1 << 20...64 << 30).contains(bytes) else {
            throw StartupError("\(variable) (\(flag(variable))) must be a size from 1MiB to 64GiB, such as 256MiB, found '\(text)'")
        }
        return bytes
    }
}
