import Foundation
import Hummingbird
import TicketGateCore

/// The query parameters of an admin request, read strictly: a value that does not parse is a 400 that says
/// which, never ignored.
struct AdminQuery {
    private let parameters: [String: String]

    init(_ parameters: Parameters) {
        self.init(Dictionary(parameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { _, last in last }))
    }

    init(_ parameters: [String: String]) {
        self.parameters = parameters
    }

    /// `status`, `source`, `destination`, `rule`, `text` (in the sender or subject), `since` and `until`
    /// (ISO 8601), `limit`, `cursor` (older events), `newer` (newer events) and `count` (`true` for the total).
    func eventQuery() throws(Problem) -> EventQuery {
        var status: EventQuery.Status?
        if let text = parameters["status"] {
            guard let value = EventQuery.Status(rawValue: text) else {
                throw Self.bad("status", "one of \(EventQuery.Status.allCases.map(\.rawValue).joined(separator: ", "))", text)
            }
            status = value
        }
        var limit = 50
        if let text = parameters["limit"] {
            guard let value = Int(text), value > 0 else { throw Self.bad("limit", "a positive number", text) }
            limit = value
        }
        return EventQuery(
            status: status, source: try text("source"), destination: try text("destination"), rule: try text("rule"),
            text: try text("text", maximumLength: 200), since: try date("since"), until: try date("until"), limit: limit, cursor: try text("cursor"),
            newer: try text("newer"), counting: parameters["count"] == "true")
    }

    /// A name, cursor or search text: text without control characters, which no stored name holds.
    private func text(_ name: String, maximumLength: Int = 1000) throws(Problem) -> String? {
        guard let text = parameters[name] else { return nil }
        guard !ControlCharacters.contains(text) else {
            throw Self.bad(name, "text without control characters", ControlCharacters.escaped(text))
        }
        guard text.count <= maximumLength else {
            throw Problem(.badRequest, "bad-query", title: "Bad query parameter", detail: "\(name) must be at most \(maximumLength) characters")
        }
        return text
    }

    /// A flag such as `force=true`; absent is false.
    func flag(_ name: String) throws -> Bool {
        switch parameters[name] {
        case nil, "false", "0": return false
        case "true", "1", "": return true
        case let text?: throw Self.bad(name, "true or false", text)
        }
    }

    /// An ISO 8601 time, or a day (midnight UTC); the whole text must be one, nothing after it.
    private func date(_ name: String) throws(Problem) -> Date? {
        guard let text = parameters[name] else { return nil }
        if let match = text.wholeMatch(of: Date.ISO8601FormatStyle()) { return match.output }
        if let match = text.wholeMatch(of: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return match.output }
        if let match = text.wholeMatch(of: Date.ISO8601FormatStyle().year().month().day()) { return match.output }
        throw Self.bad(name, "an ISO 8601 date or time such as 2026-11-21 or 2026-11-21T10:00:00Z", text)
    }

    private static func bad(_ name: String, _ wanted: String, _ found: String) -> Problem {
        Problem(.badRequest, "bad-query", title: "Bad query parameter", detail: "\(name) must be \(wanted), found '\(found)'")
    }
}
