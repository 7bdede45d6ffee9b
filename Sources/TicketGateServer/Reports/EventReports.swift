import Foundation
import Logging
import TicketGateCore
import TicketGateStore

/// `ticketgate events list|show` without a running gateway: reads the local database, never writes it.
package enum EventReports {
    /// The report of event `id` as text or JSON, or `nil` when the database has no such event.
    package static func show(id: String, databaseURL: String, json: Bool) async throws -> String? {
        guard let report = try await withStore(databaseURL, { try await $0.report(for: EventID(rawValue: id)) }) else { return nil }
        return json ? try jsonText(report) : EventReportFormatter().format(report)
    }

    /// A page of events as text or JSON. Throws `InvalidEventFilter` for a filter that does not parse.
    package static func list(_ filters: EventListFilters, databaseURL: String, json: Bool) async throws -> String {
        let query = try filters.eventQuery()
        let page = try await withStore(databaseURL) { try await $0.listEvents(query) }
        return json ? try AdminReports.json(page) : AdminReports.format(page)
    }

    /// An API answer (`EventReport`) for a person.
    package static func format(_ report: EventReport) -> String {
        EventReportFormatter().format(report)
    }

    /// `body`'s result on the store at `databaseURL`, opened to read and running while `body` works.
    static func withStore<Result: Sendable>(_ databaseURL: String, _ body: (any OperatorStore) async throws -> Result) async throws
        -> Result
    {
        let location = try DatabaseLocation(url: databaseURL)
        if case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
            throw StartupError("no database at \(path); has `ticketgate serve` run with --database \(databaseURL)?")
        }
        let store = try await location.openForReading(logger: Logger(label: "ticketgate.events"))
        return try await store.whileRunning { try await body(store) }
    }

    static func jsonText(_ report: EventReport) throws -> String {
        try AdminReports.json(report)
    }
}
