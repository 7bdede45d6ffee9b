import TicketGateCore

extension GatewayConfiguration {
    /// The configuration the `TICKETGATE_*` environment variables describe, defaults for the rest.
    /// Command-line flags are applied on top by the caller.
    public static func fromEnvironment(_ environment: [String: String]) throws(StartupError) -> GatewayConfiguration {
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
        if let text = environment["TICKETGATE_RULES_POLL"] {
            guard let seconds = Double(text), seconds >= 0 else {
                throw StartupError("TICKETGATE_RULES_POLL must be a number of seconds (0 turns watching off), found '\(text)'")
            }
            configuration.rulesPollInterval = .milliseconds(Int64(seconds * 1000))
        }
        if let token = environment["TICKETGATE_ADMIN_TOKEN"], !token.isEmpty {
            configuration.adminToken = Secret(token)
        }
        return configuration
    }
}
