import ArgumentParser
import Foundation
import Logging
import TicketGateServer

/// `--log-level` and `--log-format`, shared by the commands that log.
struct LoggingOptions: ParsableArguments {
    /// The levels `--log-level` accepts, named as swift-log names them.
    enum Level: String, CaseIterable, ExpressibleByArgument {
        case trace, debug, info, notice, warning, error, critical

        var loggerLevel: Logger.Level { Logger.Level(rawValue: rawValue) ?? .info }
    }

    /// One line of text per entry, or one JSON object.
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case text, json
    }

    @Option(help: "trace, debug, info, notice, warning, error or critical. Environment: LOG_LEVEL. Default: info")
    var logLevel: Level?

    @Option(help: "text or json (one object per line). Environment: LOG_FORMAT. Default: text")
    var logFormat: Format?

    /// Sends log lines to standard error at the chosen level and format, and returns the gateway's logger.
    func bootstrap() throws -> Logger {
        let environment = ProcessInfo.processInfo.environment
        let level = logLevel?.loggerLevel ?? environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        var format = logFormat ?? .text
        if logFormat == nil, let text = environment["LOG_FORMAT"] {
            guard let chosen = Format(rawValue: text) else { throw ValidationError("LOG_FORMAT must be text or json, found '\(text)'") }
            format = chosen
        }
        LoggingSystem.bootstrap { label in
            switch format {
            case .json:
                return JSONLogHandler(label: label, level: level)
            case .text:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
        return Logger(label: "ticketgate")
    }
}
