import Foundation
import GRDB
import TicketGateCore

/// The SQL of an event list: each filter a condition, newest first, one row more than the page so the store
/// knows whether there is a next one. The cursor is the last row's time (in milliseconds) and id.
struct EventListQuery {
    let query: EventQuery

    init(_ query: EventQuery) {
        self.query = query
    }

    func statement() throws -> (String, StatementArguments) {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let status = query.status {
            switch status {
            case .dropped: conditions.append("e.outcome = 'drop'")
            case .unrouted: conditions.append("e.outcome = 'unrouted'")
            default:
                conditions.append(
                    "EXISTS (SELECT 1 FROM delivery d WHERE d.event_id = e.id AND d.status = ?"
                        + (query.destination == nil ? ")" : " AND d.destination = ?)"))
                arguments.append(status.rawValue)
                if let destination = query.destination { arguments.append(destination) }
            }
        }
        if let destination = query.destination, query.status == nil || query.status == .dropped || query.status == .unrouted {
            conditions.append("EXISTS (SELECT 1 FROM delivery d WHERE d.event_id = e.id AND d.destination = ?)")
            arguments.append(destination)
        }
        if let source = query.source {
            conditions.append("e.source = ?")
            arguments.append(source)
        }
        if let rule = query.rule {
            conditions.append(
                "EXISTS (SELECT 1 FROM json_each(e.decision, '$.trace') t WHERE json_extract(t.value, '$.rule') = ? "
                    + "AND json_extract(t.value, '$.result') = 'matched')")
            arguments.append(rule)
        }
        if let text = query.text {
            conditions.append("e.search_text LIKE ? ESCAPE '\\'")
            arguments.append(SearchText.pattern(for: text))
        }
        if let since = query.since {
            conditions.append("e.received_at >= ?")
            arguments.append(StoredDate.databaseValue(since))
        }
        if let until = query.until {
            conditions.append("e.received_at < ?")
            arguments.append(StoredDate.databaseValue(until))
        }
        if let cursor = query.cursor {
            let (receivedAt, id) = try EventCursor.parse(cursor)
            conditions.append("(e.received_at, e.id) < (?, ?)")
            arguments += [receivedAt, id]
        }
        arguments.append(query.limit + 1)
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = """
            SELECT e.id, e.source, e.kind, e.format, e.received_at, e.outcome, e.decision, e.sender_email, e.sender_name, e.subject
            FROM event e
            \(filter)
            ORDER BY e.received_at DESC, e.id DESC LIMIT ?
            """
        return (sql, StatementArguments(arguments))
    }
}
