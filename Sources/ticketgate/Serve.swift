import ArgumentParser
import Foundation
import TicketGateServer

/// `ticketgate serve`: runs the gateway until SIGTERM or SIGINT. At the signal, `/readyz` answers 503 for the
/// drain period, then the gateway stops accepting and lets deliveries under way finish within the grace
/// period, and exits 0.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the gateway.",
        discussion: """
            Settings read only from the environment:
              TICKETGATE_ADMIN_TOKEN           the token of the admin API and the console, at least 16
                                               characters (openssl rand -hex 32). Default: unset, both off
              TICKETGATE_RULES_POLL            seconds between checks of the rules directory; 0 turns
                                               watching off. Default: 2
              TICKETGATE_SHUTDOWN_DRAIN        seconds /readyz answers 503 after SIGTERM while the gateway
                                               still accepts. Default: 0
              TICKETGATE_SHUTDOWN_GRACE        seconds deliveries under way may take after the gateway stops
                                               accepting. Default: 30
              TICKETGATE_RETAIN_RAW_DAYS       days raw payloads and posted files are kept. Default: 7
              TICKETGATE_RETAIN_EVENT_DAYS     days events, their deliveries and audit are kept. Default: 90
              TICKETGATE_DELIVERY_CONCURRENCY  deliveries attempted at once. Default: 64
              TICKETGATE_DELIVERY_LEASE        seconds a claimed delivery is reserved for its attempt.
                                               Default: 60
            and the secrets the rules name as ${NAME}. The README's "Commands" table says more of each.
            """)

    @Option(help: "The rules directory. Environment: TICKETGATE_RULES. Default: Rules")
    var rules: String?

    @Option(help: "The database URL. Environment: TICKETGATE_DATABASE. Default: sqlite:data/ticketgate.sqlite")
    var database: String?

    @Option(
        help: """
            Seconds to keep trying, at start, a database that cannot be reached or refuses the login; 0 tries once. \
            Environment: TICKETGATE_DATABASE_WAIT. Default: 30
            """)
    var databaseWait: String?

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

    @Option(help: "Seconds a new connection has to send its request headers. Environment: TICKETGATE_HEADER_TIMEOUT. Default: 10")
    var headerTimeout: String?

    @Option(help: "Seconds a request has to send its whole body. Environment: TICKETGATE_BODY_TIMEOUT. Default: 60")
    var bodyTimeout: String?

    @Option(help: "Seconds a keep-alive connection may wait for its next request. Environment: TICKETGATE_IDLE_TIMEOUT. Default: 60")
    var idleTimeout: String?

    @Option(
        help: """
            Connections open at once; more are closed as they arrive. Environment: TICKETGATE_MAX_CONNECTIONS. \
            Default: 1024, or fewer to fit the open-file limit
            """)
    var maxConnections: String?

    @Option(
        help: """
            Connections one client address may hold open; trusted proxies are exempt. Environment: \
            TICKETGATE_MAX_CLIENT_CONNECTIONS. Default: an eighth of --max-connections, at least 8
            """)
    var maxClientConnections: String?

    @Option(help: "Request body bytes held in memory at once, such as 256MiB. Environment: TICKETGATE_BODY_BUDGET. Default: 256MiB")
    var bodyBudget: String?

    @Option(help: "Request body bytes one client address may have in flight. Environment: TICKETGATE_CLIENT_BODY_BUDGET. Default: 64MiB")
    var clientBodyBudget: String?

    @Option(
        help: """
            Bytes per second a request body must bring over each --body-rate-window, such as 1KiB; 0 for no minimum. \
            Environment: TICKETGATE_MIN_BODY_RATE. Default: 1KiB
            """)
    var minBodyRate: String?

    @Option(help: "Seconds over which --min-body-rate is measured. Environment: TICKETGATE_BODY_RATE_WINDOW. Default: 5")
    var bodyRateWindow: String?

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        if let port, !(0...65535).contains(port) {
            throw ValidationError("--port must be between 0 and 65535")
        }
    }

    func run() async throws {
        var overrides = GatewayProcess.Overrides()
        overrides.rulesDirectory = rules
        overrides.databaseURL = database
        overrides.host = host
        overrides.port = port
        overrides.trustedProxies = trustedProxies
        overrides.logLevel = logging.logLevel?.rawValue
        overrides.logFormat = logging.logFormat?.rawValue
        overrides.limits = [
            "TICKETGATE_HEADER_TIMEOUT": headerTimeout, "TICKETGATE_BODY_TIMEOUT": bodyTimeout, "TICKETGATE_IDLE_TIMEOUT": idleTimeout,
            "TICKETGATE_MAX_CONNECTIONS": maxConnections, "TICKETGATE_BODY_BUDGET": bodyBudget, "TICKETGATE_CLIENT_BODY_BUDGET": clientBodyBudget,
            "TICKETGATE_MAX_CLIENT_CONNECTIONS": maxClientConnections, "TICKETGATE_MIN_BODY_RATE": minBodyRate,
            "TICKETGATE_BODY_RATE_WINDOW": bodyRateWindow,
            "TICKETGATE_DATABASE_WAIT": databaseWait,
        ].compactMapValues { $0 }
        do {
            try await GatewayProcess(overrides).run()
        } catch let error as StartupError {
            Terminal.printError("ticketgate: cannot start: \(error.description)")
            throw ExitCode.failure
        } catch {
            Terminal.printError("ticketgate: stopped: \(error)")
            throw ExitCode.failure
        }
    }
}
