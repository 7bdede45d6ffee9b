import ArgumentParser
import Foundation
import Hummingbird
import Logging
import TicketGateServer

/// `ticketgate serve`: runs the gateway until SIGTERM or SIGINT.
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

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        if let port, !(0...65535).contains(port) {
            throw ValidationError("--port must be between 0 and 65535")
        }
    }

    func run() async throws {
        let logger = logging.bootstrap()
        let application: any ApplicationProtocol
        do {
            var configuration = try GatewayConfiguration.fromEnvironment(ProcessInfo.processInfo.environment)
            configuration.rulesDirectory = rules ?? configuration.rulesDirectory
            configuration.databaseURL = database ?? configuration.databaseURL
            configuration.host = host ?? configuration.host
            configuration.port = port ?? configuration.port
            application = try await buildApplication(configuration, logger: logger)
        } catch let error as StartupError {
            FileHandle.standardError.write(Data("ticketgate: cannot start\n\(error.description)\n".utf8))
            throw ExitCode.failure
        }
        try await application.runService()
    }
}
