import ArgumentParser
import Foundation
import TicketGateServer

/// `ticketgate preview`: what a rules change would reroute, shown on the events already stored.
struct Preview: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Decide the stored events again under the rules in a directory, and show every event whose decision would change.",
        discussion: """
            Reads the events the gateway stored (newest first), decides each again under the rules in --rules, and \
            lists those whose destination, brand, assignee, tags, visibility, or being dropped would differ from \
            the decision they got, grouped by what changes, each group with its count and a few event ids. Nothing \
            is delivered and nothing is stored; the database is opened to read.
            """
    )

    @OptionGroup var rules: RulesOptions

    @Option(help: "The database to read. Environment: TICKETGATE_DATABASE. Default: sqlite:data/ticketgate.sqlite")
    var database: String?

    @Option(help: "Only events received within this long before now, such as 90m, 24h or 7d.")
    var since: String?

    @Option(help: "At most this many events, the newest.")
    var limit: Int?

    @Flag(help: "Print JSON (every changed event with its decision before and after) instead of text.")
    var json = false

    @Flag(help: "Exit 1 when any decision would change, for a CI job that requires a reviewed change.")
    var failOnChange = false

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1, found \(limit)") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let options = RulesPreview.Options(
            rulesDirectory: rules.directory, environment: environment,
            databaseURL: database ?? environment["TICKETGATE_DATABASE"] ?? GatewayConfiguration().databaseURL, since: since, limit: limit,
            json: json)
        do {
            let (output, changed) = try await RulesPreview.run(options)
            Terminal.print(output, json: json)
            if changed && failOnChange { throw ExitCode.failure }
        } catch let error as ExitCode {
            throw error
        } catch {
            Terminal.printError("ticketgate: \(error)")
            throw ExitCode.failure
        }
    }
}
