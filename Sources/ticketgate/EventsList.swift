import ArgumentParser
import Foundation
import TicketGateServer

/// `ticketgate events list`: events newest first, filtered; `--status dead` lists the dead letters.
struct EventsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List events, newest first.")

    @Option(help: "pending, delivered, dry_run, failed, dead (a delivery's status), dropped or unrouted.")
    var status: String?
    @Option(help: "Only events from this source.")
    var source: String?
    @Option(help: "Only events with a delivery to this destination.")
    var destination: String?
    @Option(help: "Only events this rule matched.")
    var rule: String?
    @Option(help: "Only events whose sender (name or address) or subject contains this text, in any case.")
    var text: String?
    @Option(help: "Received at or after this ISO 8601 date or time.")
    var since: String?
    @Option(help: "Received before this ISO 8601 date or time.")
    var until: String?
    @Option(help: "At most this many events (default 50, at most 500).")
    var limit: Int?
    @Option(help: "Continue from the cursor a previous page printed.")
    var cursor: String?

    @OptionGroup var from: EventSourceOptions

    func run() async throws {
        var filters = EventListFilters()
        filters.status = status
        filters.source = source
        filters.destination = destination
        filters.rule = rule
        filters.text = text
        filters.since = since
        filters.until = until
        filters.limit = limit
        filters.cursor = cursor
        try await reportingFailures {
            if let database = from.localDatabase {
                Terminal.print(try await EventReports.list(filters, databaseURL: database, json: from.json), json: from.json)
                return
            }
            let page = try await from.admin.client().events(filters)
            Terminal.print(from.json ? try AdminReports.json(page) : AdminReports.format(page), json: from.json)
        }
    }
}
