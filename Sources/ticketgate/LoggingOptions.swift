import ArgumentParser
import Foundation
import Logging

/// `--log-level`, shared by the commands that log.
struct LoggingOptions: ParsableArguments {
    /// The levels `--log-level` accepts, named as swift-log names them.
    enum Level: String, CaseIterable, ExpressibleByArgument {
        case trace, debug, info, notice, warning, error, critical

        var loggerLevel: Logger.Level { Logger.Level(rawValue: rawValue) ?? .info }
    }

    @Option(help: "trace, debug, info, notice, warning, error or critical. Environment: LOG_LEVEL. Default: info")
    var logLevel: Level?

    /// Sends log lines to standard error at the chosen level and returns the gateway's logger.
    func bootstrap() -> Logger {
        let fromEnvironment = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:))
        let level = logLevel?.loggerLevel ?? fromEnvironment ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: "ticketgate")
    }
}
