import ArgumentParser
import Foundation
import TicketGateServer

/// `ticketgate events`: the operator's view of stored events.
struct Events: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Look at stored events, their deliveries and their audit trail.",
        subcommands: [Show.self]
    )

    /// `ticketgate events show ID`
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print an event's decision, deliveries and audit records.")

        @Argument(help: "The event id, as the 202 answer gave it.")
        var id: String

        @Option(help: "The database URL. Environment: TICKETGATE_DATABASE. Default: sqlite:data/ticketgate.sqlite")
        var database: String?

        @Flag(help: "Print JSON instead of text.")
        var json = false

        func run() async throws {
            let url = database ?? ProcessInfo.processInfo.environment["TICKETGATE_DATABASE"] ?? GatewayConfiguration().databaseURL
            do {
                guard let report = try await EventReports.show(id: id, databaseURL: url, json: json) else {
                    FileHandle.standardError.write(Data("ticketgate: no event \(id) in \(url)\n".utf8))
                    throw ExitCode.failure
                }
                print(report)
            } catch let error as StartupError {
                FileHandle.standardError.write(Data("ticketgate: \(error.description)\n".utf8))
                throw ExitCode.failure
            }
        }
    }
}
