import Foundation
import TicketGateCore
import TicketGateStore

/// `ticketgate events show`: reads one event's report from the local database.
public enum EventReports {
    /// The report of event `id` as text or JSON, or `nil` when the database has no such event.
    public static func show(id: String, databaseURL: String, json: Bool) async throws -> String? {
        guard case .sqlite(let path) = try DatabaseLocation(url: databaseURL) else { return nil }
        guard FileManager.default.fileExists(atPath: path) else {
            throw StartupError("no database at \(path); has `ticketgate serve` run with --database \(databaseURL)?")
        }
        let store = try SQLiteEventStore(path: path, serving: false)
        guard let report = try await store.report(for: EventID(rawValue: id)) else { return nil }
        return json ? try jsonText(report) : EventReportFormatter().format(report)
    }

    static func jsonText(_ report: EventReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }
}
