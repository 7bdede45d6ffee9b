import ArgumentParser
import Foundation
import TicketGateServer

/// `ticketgate events show ID`: the event, its decision, deliveries, attempts and audit trail.
struct EventsShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print an event's decision, deliveries and audit records.")

    @Argument(help: "The event id, as the 202 answer gave it.")
    var id: String

    @OptionGroup var from: EventSourceOptions

    func run() async throws {
        try await reportingFailures {
            if let database = from.localDatabase {
                guard let report = try await EventReports.show(id: id, databaseURL: database, json: from.json) else {
                    throw CommandFailure("no event \(id) in \(database)")
                }
                Terminal.print(report, json: from.json)
                return
            }
            let report = try await from.admin.client().event(id: id)
            Terminal.print(from.json ? try AdminReports.json(report) : EventReports.format(report), json: from.json)
        }
    }
}
