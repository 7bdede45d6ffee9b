import ArgumentParser
import Foundation
import Logging
import Metrics
import ServiceLifecycle
import TicketGateServer

/// `ticketgate serve`: runs the gateway until SIGTERM or SIGINT. At the signal, `/readyz` answers 503 for the
/// drain period, then the gateway stops accepting and lets deliveries under way finish within the grace
/// period, and exits 0.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the gateway.")

    @Option(help: "The rules directory. Environment: TICKETGATE_RULES. Default: Rules")
    var rules: String?

    @Option(help: "The database URL. Environment: TICKETGATE_DATABASE. Default: sqlite:data/ticketgate.sqlite")
    var database: String?

    @Option(help: "The address to listen on. Environment: TICKETGATE_HOST. Default: 127.0.0.1")
    var host: String?

    @Option(help: "The port to listen on; 0 picks a free one. Environment: TICKETGATE_PORT. Default: 8080")
    var port: Int?

    @Option(
        help: """
            Reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed: addresses or CIDRs, comma-separated, \
            such as 127.0.0.1,10.0.0.0/8. Environment: TICKETGATE_TRUSTED_PROXIES. Default: none
            """)
    var trustedProxies: String?

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        if let port, !(0...65535).contains(port) {
            throw ValidationError("--port must be between 0 and 65535")
        }
    }

    func run() async throws {
        let logger = try logging.bootstrap()
        let runtime = GatewayRuntime()
        // The HTTP metrics are recorded through swift-metrics; point it at the gateway's registry.
        MetricsSystem.bootstrap(runtime.metrics.factory)
        let configuration: GatewayConfiguration
        let application: any Service
        do {
            var environment = try GatewayConfiguration.fromEnvironment(ProcessInfo.processInfo.environment)
            environment.rulesDirectory = rules ?? environment.rulesDirectory
            environment.databaseURL = database ?? environment.databaseURL
            environment.host = host ?? environment.host
            environment.port = port ?? environment.port
            if let trustedProxies {
                environment.trustedProxies = try TrustedProxies(parsing: trustedProxies)
            }
            configuration = environment
            application = try await buildApplication(configuration, logger: logger, runtime: runtime)
        } catch let error as StartupError {
            FileHandle.standardError.write(Data("ticketgate: cannot start\n\(error.description)\n".utf8))
            throw ExitCode.failure
        }
        var group = ServiceGroupConfiguration(
            services: [
                .init(service: application),
                .init(service: runtime.drain(for: configuration.shutdownDrain, logger: logger)),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        )
        group.maximumGracefulShutdownDuration = configuration.shutdownDrain + configuration.shutdownGrace
        do {
            try await ServiceGroup(configuration: group).run()
        } catch  where runtime.isDraining {
            logger.notice("stopped after the grace period; deliveries cut off are attempted again at the next start")
        }
    }
}
