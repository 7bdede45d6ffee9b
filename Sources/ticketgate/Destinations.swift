import ArgumentParser
import Foundation
import TicketGateCore
import TicketGateServer

/// `ticketgate destinations`: each destination's state, and pausing or resuming one.
struct Destinations: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List destinations with their pauses and deliveries, or pause and resume one.",
        subcommands: [List.self, Pause.self, Resume.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List destinations: vendor, dry run, rate limit, pause, deliveries by status.")

        @Flag(help: "Print JSON instead of text.")
        var json = false

        @OptionGroup var admin: AdminOptions

        func run() async throws {
            try await reportingFailures {
                let list = try await admin.client().get("/admin/destinations", as: DestinationList.self)
                Terminal.print(json ? try AdminReports.json(list) : AdminReports.format(list), json: json)
            }
        }
    }

    struct Pause: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop delivering to a destination until it is resumed; its events wait.")

        @Argument(help: "The destination's name.")
        var name: String

        @OptionGroup var admin: AdminOptions

        func run() async throws {
            try await Destinations.act("pause", on: name, admin: admin)
        }
    }

    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resume a paused destination; its waiting events go at once.")

        @Argument(help: "The destination's name.")
        var name: String

        @OptionGroup var admin: AdminOptions

        func run() async throws {
            try await Destinations.act("resume", on: name, admin: admin)
        }
    }

    static func act(_ action: String, on name: String, admin: AdminOptions) async throws {
        try await reportingFailures {
            let path = "/admin/destinations/\(PercentEncoding.component(name))/\(action)"
            Terminal.print(AdminReports.format(try await admin.client().post(path, as: DestinationList.self)))
        }
    }
}
