import Logging

/// The level and line format of the gateway's log: the command line's, else `LOG_LEVEL` and `LOG_FORMAT`,
/// else `info` as text.
struct LogSettings {
    /// One line of text per entry (`time level message key=value`), or one JSON object.
    enum Format: String {
        case text, json
    }

    let level: Logger.Level
    let format: Format

    /// `level` and `format` as the command line gave them, `nil` where it did not. An unknown `LOG_LEVEL`
    /// means `info`; an unknown `LOG_FORMAT` stops the start.
    init(level: String?, format: String?, environment: [String: String]) throws(StartupError) {
        self.level = (level ?? environment["LOG_LEVEL"]).flatMap(Logger.Level.init(rawValue:)) ?? .info
        guard let text = format ?? environment["LOG_FORMAT"] else {
            self.format = .text
            return
        }
        guard let chosen = Format(rawValue: text) else { throw StartupError("LOG_FORMAT must be text or json, found '\(text)'") }
        self.format = chosen
    }

    /// Sends log lines to standard error at this level and format, and returns the gateway's logger.
    func bootstrap() -> Logger {
        let level = level
        let format = format
        if format == .text { LocalTimeZone.pin() }
        LoggingSystem.bootstrap { label in
            switch format {
            case .json:
                return JSONLogHandler(label: label, level: level)
            case .text:
                return TextLogHandler(level: level)
            }
        }
        return Logger(label: "ticketgate")
    }
}
