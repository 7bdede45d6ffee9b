import ArgumentParser
import Foundation
import TicketGateCore
import TicketGateServer

/// `ticketgate events replay ID`: runs a stored event through the rules in force again.
struct EventsReplay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Run a stored event through the current rules and queue what they decide.",
        discussion: "A destination the event was already delivered to is skipped unless --force, which opens a new ticket there."
    )

    @Argument(help: "The event id.")
    var id: String

    @Flag(help: "Queue the delivery even where the event's ticket is known: a second ticket.")
    var force = false

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @OptionGroup var admin: AdminOptions

    func run() async throws {
        try await reportingFailures {
            let path = "/admin/events/" + PercentEncoding.component(id) + "/replay"
            let result = try await admin.client().post(path, query: [("force", force ? "true" : nil)], as: ReplayResult.self)
            Terminal.print(json ? try AdminReports.json(result) : AdminReports.format(result), json: json)
            if result.skipped != nil { throw ExitCode.failure }
        }
    }
}
