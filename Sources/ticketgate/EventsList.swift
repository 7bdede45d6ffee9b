import ArgumentParser
import Foundation
import TicketGateCore
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
        try await reportingFailures {
            if let database = from.localDatabase {
                print(try await EventReports.list(try localQuery(), databaseURL: database, json: from.json))
                return
            }
            let query: [(String, String?)] = [
                ("status", status), ("source", source), ("destination", destination), ("rule", rule), ("since", since), ("until", until),
                ("limit", limit.map(String.init)), ("cursor", cursor),
            ]
            let page = try await from.admin.client().get("/admin/events", query: query, as: EventPage.self)
            print(from.json ? try AdminReports.json(page) : AdminReports.format(page))
        }
    }

    private func localQuery() throws -> EventQuery {
        func date(_ text: String?, _ name: String) throws -> Date? {
            guard let text else { return nil }
            if let date = try? Date(text, strategy: .iso8601) ?? Date(text + "T00:00:00Z", strategy: .iso8601) { return date }
            throw CommandFailure("--\(name) must be an ISO 8601 date or time, found '\(text)'")
        }
        var parsedStatus: EventQuery.Status?
        if let status {
            guard let value = EventQuery.Status(rawValue: status) else { throw CommandFailure("--status cannot be '\(status)'") }
            parsedStatus = value
        }
        return EventQuery(
            status: parsedStatus, source: source, destination: destination, rule: rule, since: try date(since, "since"),
            until: try date(until, "until"),
            limit: limit ?? 50, cursor: cursor)
    }
}
