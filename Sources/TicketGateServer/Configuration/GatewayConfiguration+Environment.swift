import TicketGateCore

extension GatewayConfiguration {
    /// The configuration the `TICKETGATE_*` environment variables describe, defaults for the rest.
    /// Command-line flags are applied on top by the caller.
    package static func fromEnvironment(_ environment: [String: String]) throws(StartupError) -> GatewayConfiguration {
        var configuration = GatewayConfiguration(environment: environment)
        configuration.rulesDirectory = environment["TICKETGATE_RULES"] ?? configuration.rulesDirectory
        configuration.databaseURL = environment["TICKETGATE_DATABASE"] ?? configuration.databaseURL
        configuration.host = environment["TICKETGATE_HOST"] ?? configuration.host
        if let text = environment["TICKETGATE_PORT"] {
            guard let port = Int(text), (0...65535).contains(port) else {
                throw StartupError("TICKETGATE_PORT must be a port number between 0 and 65535, found '\(text)'")
            }
            configuration.port = port
        }
        if let seconds = try seconds("TICKETGATE_DATABASE_WAIT", in: environment, meaning: "to wait at start for the database") {
            configuration.databaseWait = seconds
        }
        if let seconds = try seconds("TICKETGATE_RULES_POLL", in: environment, meaning: "(0 turns watching off)") {
            configuration.rulesPollInterval = seconds
        }
        if let seconds = try seconds("TICKETGATE_SHUTDOWN_DRAIN", in: environment, meaning: "of draining at SIGTERM") {
            configuration.shutdownDrain = seconds
        }
        if let seconds = try seconds("TICKETGATE_SHUTDOWN_GRACE", in: environment, meaning: "for deliveries under way at SIGTERM") {
            configuration.shutdownGrace = seconds
        }
        if let seconds = try seconds("TICKETGATE_DELIVERY_LEASE", in: environment, meaning: "a claimed delivery is reserved for") {
            guard seconds >= .seconds(1) else {
                throw StartupError("TICKETGATE_DELIVERY_LEASE must be at least 1 second, found '\(environment["TICKETGATE_DELIVERY_LEASE"] ?? "")'")
            }
            configuration.delivery.lease = seconds
        }
        if let text = environment["TICKETGATE_DELIVERY_CONCURRENCY"] {
            guard let count = Int(text), (1...4096).contains(count) else {
                throw StartupError("TICKETGATE_DELIVERY_CONCURRENCY must be a whole number of deliveries from 1 to 4096, found '\(text)'")
            }
            configuration.delivery.concurrency = count
        }
        if let text = environment["TICKETGATE_TRUSTED_PROXIES"] {
            configuration.trustedProxies = try TrustedProxies(parsing: text)
        }
        if let days = try days("TICKETGATE_RETAIN_RAW_DAYS", in: environment) {
            configuration.retention.rawPayloadDays = days
        }
        if let days = try days("TICKETGATE_RETAIN_EVENT_DAYS", in: environment) {
            configuration.retention.eventDays = days
        }
        configuration.http = try HTTPLimits(environment: environment)
        if let token = environment["TICKETGATE_ADMIN_TOKEN"], !token.isEmpty {
            guard !token.allSatisfy(\.isWhitespace) else {
                throw StartupError("TICKETGATE_ADMIN_TOKEN is only white space; make one with: openssl rand -hex 32")
            }
            guard token.count >= GatewayConfiguration.minimumAdminTokenLength else {
                throw StartupError(
                    "TICKETGATE_ADMIN_TOKEN must be at least \(GatewayConfiguration.minimumAdminTokenLength) characters; "
                        + "make one with: openssl rand -hex 32")
            }
            configuration.adminToken = Secret(token)
        }
        return configuration
    }

    /// A whole number of days, at least 1, from `name`, or `nil` when it is not set.
    private static func days(_ name: String, in environment: [String: String]) throws(StartupError) -> Int? {
        guard let text = environment[name] else { return nil }
        guard let days = Int(text), (1...36_500).contains(days) else {
            throw StartupError("\(name) must be a whole number of days from 1 to 36500, found '\(text)'")
        }
        return days
    }

    /// A number of seconds (fractions allowed) from `name`, or `nil` when it is not set.
    private static func seconds(_ name: String, in environment: [String: String], meaning: String) throws(StartupError) -> Duration? {
        guard let text = environment[name] else { return nil }
        guard let seconds = Double(text), seconds >= 0, seconds <= 86_400 else {
            throw StartupError("\(name) must be a number of seconds \(meaning), at most 86400, found '\(text)'")
        }
        return .milliseconds(Int64(seconds * 1000))
    }
}
