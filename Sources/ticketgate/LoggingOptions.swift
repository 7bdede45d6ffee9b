import ArgumentParser

/// `--log-level` and `--log-format`, shared by the commands that log. The gateway reads `LOG_LEVEL` and
/// `LOG_FORMAT` where these are not given.
struct LoggingOptions: ParsableArguments {
    /// The levels `--log-level` accepts, named as swift-log names them.
    enum Level: String, CaseIterable, ExpressibleByArgument {
        case trace, debug, info, notice, warning, error, critical
    }

    /// One line of text per entry, or one JSON object.
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case text, json
    }

    @Option(help: "trace, debug, info, notice, warning, error or critical. Environment: LOG_LEVEL. Default: info")
    var logLevel: Level?

    @Option(help: "text or json (one object per line). Environment: LOG_FORMAT. Default: text")
    var logFormat: Format?
}
