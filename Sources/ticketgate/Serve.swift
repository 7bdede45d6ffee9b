import ArgumentParser
import Foundation
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
        var overrides = GatewayProcess.Overrides()
        overrides.rulesDirectory = rules
        overrides.databaseURL = database
        overrides.host = host
        overrides.port = port
        overrides.trustedProxies = trustedProxies
        overrides.logLevel = logging.logLevel?.rawValue
        overrides.logFormat = logging.logFormat?.rawValue
        do {
            try await GatewayProcess(overrides).run()
        } catch let error as StartupError {
            FileHandle.standardError.write(Data("ticketgate: cannot start\n\(error.description)\n".utf8))
            throw ExitCode.failure
        }
    }
}
