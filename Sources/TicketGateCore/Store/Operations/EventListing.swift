import Foundation

/// The operator's event list: each filter a condition, newest first, one row more than the page so the store
/// knows whether there is a next one; then the deliveries of the page's events. The cursor is the last row's
/// time (in milliseconds) and id.
package enum EventListing {
    /// The page's rows, one more than `query.limit` when there is a next page.
    package static func events(_ query: EventQuery, _ dialect: any SQLDialect) throws -> SQLStatement {
        let cursor = try query.cursor.map(EventCursor.parse)
        return SQLStatement(dialect) { sql in
            var conditions: [String] = []
            if let status = query.status {
                switch status {
                case .dropped: conditions.append("e.outcome = 'drop'")
                case .unrouted: conditions.append("e.outcome = 'unrouted'")
                default:
                    let destination = query.destination.map { " AND d.destination = \(sql.bind(.text($0)))" } ?? ""
                    conditions.append(
                        "EXISTS (SELECT 1 FROM delivery d WHERE d.event_id = e.id AND d.status = \(sql.bind(.text(status.rawValue)))\(destination))")
                }
            }
            if let destination = query.destination, query.status == nil || query.status == .dropped || query.status == .unrouted {
                conditions.append("EXISTS (SELECT 1 FROM delivery d WHERE d.event_id = e.id AND d.destination = \(sql.bind(.text(destination))))")
            }
            if let source = query.source {
                conditions.append("e.source = \(sql.bind(.text(source)))")
            }
            if let rule = query.rule {
                conditions.append(sql.dialect.tracesMatch(decision: "e.decision", rule: sql.bind(.text(rule))))
            }
            if let text = query.text {
                conditions.append("e.search_text LIKE \(sql.bind(.text(SearchText.pattern(for: text)))) ESCAPE '\\'")
            }
            if let since = query.since {
                conditions.append("e.received_at >= \(sql.bind(.integer(EpochMilliseconds.of(since))))")
            }
            if let until = query.until {
                conditions.append("e.received_at < \(sql.bind(.integer(EpochMilliseconds.of(until))))")
            }
            if let cursor {
                conditions.append("(e.received_at, e.id) < (\(sql.bind(.integer(cursor.receivedAt))), \(sql.bind(.text(cursor.id))))")
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            sql.append(
                """
                SELECT e.id, e.source, e.kind, e.format, e.received_at, e.outcome, e.decision, e.sender_email, e.sender_name, e.subject
                FROM event e
                \(filter)
                ORDER BY e.received_at DESC, e.id DESC LIMIT \(sql.bind(.integer(Int64(query.limit + 1))))
                """)
        }
    }

    /// The deliveries of the events `ids`, in the order they were made.
    package static func deliveries(of ids: [String], _ dialect: any SQLDialect) -> SQLStatement {
        SQLStatement(dialect) { sql in
            sql.append("SELECT * FROM delivery WHERE \(sql.dialect.isIn("event_id", list: sql.bind(.texts(ids)))) ORDER BY id")
        }
    }

    /// The page `events` (the rows of `events(_:_:)`) make with their `deliveries`.
    package static func page(_ rows: [some SQLRow], deliveries: [StoredDelivery], limit: Int) throws -> EventPage {
        let page = rows.prefix(limit)
        let byEvent = Dictionary(grouping: deliveries, by: \.eventID)
        let events = try page.map { row -> EventSummary in
            let id = try row.text("id")
            let decision = try StoredJSON.decode(Decision.self, from: try row.text("decision"))
            return EventSummary(
                id: EventID(rawValue: id), source: try row.text("source"), kind: EventKind(rawValue: try row.text("kind")) ?? .form,
                format: try row.text("format"), receivedAt: EpochMilliseconds.date(try row.integer("received_at")),
                sender: Party(email: try row.optionalText("sender_email"), name: try row.optionalText("sender_name")).displayName,
                subject: try row.optionalText("subject"), outcome: try row.text("outcome"), matchedRules: decision.matchedRules,
                deliveries: (byEvent[id] ?? []).map(\.summary))
        }
        let next =
            try rows.count > limit ? page.last.map { EventCursor.after(receivedAt: try $0.integer("received_at"), id: try $0.text("id")) } : nil
        return EventPage(events: events, next: next)
    }
}
