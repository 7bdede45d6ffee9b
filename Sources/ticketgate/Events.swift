import ArgumentParser
import Foundation
import TicketGateServer

/// `ticketgate events`: the operator's view of stored events, through the running gateway's admin API.
/// `list` and `show` also read a local database directly (`--database`, or when no admin token is set).
struct Events: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find stored events, read one, replay it, or retry dead deliveries.",
        subcommands: [EventsList.self, EventsShow.self, EventsReplay.self, EventsRetry.self]
    )
}

/// Where `list` and `show` read: the admin API, or a local database.
struct EventSourceOptions: ParsableArguments {
    @OptionGroup var admin: AdminOptions

    @Option(help: "Read this database directly instead of the admin API (read-only). Used when no TICKETGATE_ADMIN_TOKEN is set.")
    var database: String?

    @Flag(help: "Print JSON instead of text.")
    var json = false

    /// The database to read, when not the admin API.
    var localDatabase: String? {
        if let database { return database }
        guard admin.token == nil else { return nil }
        return ProcessInfo.processInfo.environment["TICKETGATE_DATABASE"] ?? GatewayConfiguration().databaseURL
    }
}

/// Runs a command body, printing a failure for the operator instead of a stack of errors.
func reportingFailures(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let failure as any OperatorFacingError {
        Terminal.printError("ticketgate: \(failure)")
        throw ExitCode.failure
    }
}
