import ArgumentParser
import Foundation

/// `--rules`, shared by the commands that read the rules.
struct RulesOptions: ParsableArguments {
    @Option(help: "The rules directory. Environment: TICKETGATE_RULES. Default: Rules")
    var rules: String?

    var directory: String {
        rules ?? ProcessInfo.processInfo.environment["TICKETGATE_RULES"] ?? "Rules"
    }
}
