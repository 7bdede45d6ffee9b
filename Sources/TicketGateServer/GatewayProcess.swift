import Foundation
import Logging
import Metrics
import ServiceLifecycle

/// `ticketgate serve`: the log and the metrics set up, then the gateway and its drain run as one service
/// group until SIGTERM or SIGINT, with the store running (`OperatorStore.run()`) from before the gateway reads it
/// until after the group has ended. At the signal, `/readyz` answers 503 for the drain period, then the gateway
/// stops accepting and lets deliveries under way finish within the grace period.
package struct GatewayProcess: Sendable {
    /// What the command line set. `nil` leaves the environment's value, or the default.
    package struct Overrides: Sendable {
        package var rulesDirectory: String?
        package var databaseURL: String?
        package var host: String?
        package var port: Int?
        /// Addresses or CIDRs, comma-separated.
        package var trustedProxies: String?
        /// A swift-log level name, such as `info`.
        package var logLevel: String?
        /// `text` or `json`.
        package var logFormat: String?
        /// Settings the command line set by the name of their environment variable
        /// (`HTTPLimits.variables`), read as the environment's values are.
        package var limits: [String: String] = [:]

        package init() {}
    }

    private let overrides: Overrides
    private let environment: [String: String]

    package init(_ overrides: Overrides, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.overrides = overrides
        self.environment = environment
    }

    /// Runs the gateway until a signal ends it. Throws `StartupError`, naming the cause, when the settings, the
    /// rules, the store or the listening address are not usable; throws the error of a service that failed
    /// while the gateway served.
    package func run() async throws {
        let logger = try LogSettings(level: overrides.logLevel, format: overrides.logFormat, environment: environment).bootstrap()
        let runtime = GatewayRuntime()
        // The HTTP metrics are recorded through swift-metrics; point it at the gateway's registry.
        MetricsSystem.bootstrap(runtime.metrics.factory)
        var configuration = try self.configuration()
        if let fitting = OpenFileLimit.connectionsThatFit(), fitting < configuration.http.maxConnections {
            logger.warning(
                "the open-file limit leaves room for fewer connections than TICKETGATE_MAX_CONNECTIONS; raise it (ulimit -n, LimitNOFILE=)",
                metadata: ["tg.connections.max": "\(fitting)"])
            configuration.http.maxConnections = fitting
        }
        let opened = try await openStore(for: configuration, logger: logger)
        try await opened.store.whileRunning {
            let application = try await buildApplication(
                configuration, store: opened.store, coordination: opened.coordination, logger: logger, runtime: runtime)
            var group = ServiceGroupConfiguration(
                services: [
                    .init(service: application),
                    .init(service: runtime.drain(for: configuration.shutdownDrain, grace: configuration.shutdownGrace, logger: logger)),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
            group.maximumGracefulShutdownDuration = configuration.shutdownDrain + configuration.shutdownGrace
            do {
                try await ServiceGroup(configuration: group).run()
            } catch  where !runtime.isListening {
                throw StartupError("cannot listen on \(configuration.host):\(configuration.port): \(ListeningFailure.describe(error))")
            } catch  where runtime.isDraining {
                logger.notice("stopped after the grace period; deliveries cut off are attempted again at the next start")
            }
        }
    }

    /// The environment's configuration with the command line's values over it.
    private func configuration() throws(StartupError) -> GatewayConfiguration {
        var configuration = try GatewayConfiguration.fromEnvironment(environment.merging(overrides.limits) { _, flag in flag })
        configuration.rulesDirectory = overrides.rulesDirectory ?? configuration.rulesDirectory
        configuration.databaseURL = overrides.databaseURL ?? configuration.databaseURL
        configuration.host = overrides.host ?? configuration.host
        configuration.port = overrides.port ?? configuration.port
        if let trustedProxies = overrides.trustedProxies {
            configuration.trustedProxies = try TrustedProxies(parsing: trustedProxies)
        }
        return configuration
    }
}
