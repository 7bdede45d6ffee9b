import Foundation

/// The operator's event list: each filter a condition, newest first, one row more than the page so the store
/// knows whether there is more; then the deliveries of the page's events, and how many events match when asked.
/// A cursor is a row's time (in milliseconds) and id: the last row's for older events, the first's for newer.
package enum EventListing {
    /// The page's rows, one more than `query.limit` when there are more: newest first, or, going back with
    /// `query.newer`, oldest first from just after that cursor.
    package static func events(_ query: EventQuery, _ dialect: any SQLDialect) throws -> SQLStatement {
        let older = try query.cursor.map(EventCursor.parse)
        let newer = try query.newer.map(EventCursor.parse)
        return SQLStatement(dialect) { sql in
            var conditions = filters(query, &sql)
            if let older {
                conditions.append("(e.received_at, e.id) < (\(sql.bind(.integer(older.receivedAt))), \(sql.bind(.text(older.id))))")
            }
            if let newer {
                conditions.append("(e.received_at, e.id) > (\(sql.bind(.integer(newer.receivedAt))), \(sql.bind(.text(newer.id))))")
            }
            let order = newer == nil ? "DESC" : "ASC"
            sql.append(
                """
                SELECT e.id, e.source, e.kind, e.format, e.received_at, e.outcome, e.decision, e.sender_email, e.sender_name, e.subject
                FROM event e
                \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
                ORDER BY e.received_at \(order), e.id \(order) LIMIT \(sql.bind(.integer(Int64(query.limit + 1))))
                """)
        }
    }

    /// How many events match the query's filters, counted up to one past `EventTotal.countLimit`.
    package static func count(_ query: EventQuery, _ dialect: any SQLDialect) -> SQLStatement {
        SQLStatement(dialect) { sql in
            let conditions = filters(query, &sql)
            sql.append(
                """
                SELECT count(*) AS n FROM (SELECT 1 FROM event e \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")) \
                LIMIT \(sql.bind(.integer(Int64(EventTotal.countLimit + 1))))) AS matching
                """)
        }
    }

    /// The conditions of the query's filters, on `event e`.
    private static func filters(_ query: EventQuery, _ sql: inout SQLWriter) -> [String] {
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
        return conditions
    }

    /// The deliveries of the events `ids`, in the order they were made.
    package static func deliveries(of ids: [String], _ dialect: any SQLDialect) -> SQLStatement {
        SQLStatement(dialect) { sql in
            sql.append("SELECT * FROM delivery WHERE \(sql.dialect.isIn("event_id", list: sql.bind(.texts(ids)))) ORDER BY id")
        }
    }

    /// The page `rows` (of `events(_:_:)` for `query`) make with their `deliveries`, newest first.
    package static func page(_ rows: [some SQLRow], deliveries: [StoredDelivery], query: EventQuery, total: EventTotal?) throws -> EventPage {
        let goingBack = query.newer != nil
        let more = rows.count > query.limit
        let shown = goingBack ? Array(rows.prefix(query.limit).reversed()) : Array(rows.prefix(query.limit))
        let byEvent = Dictionary(grouping: deliveries, by: \.eventID)
        let events = try shown.map { row -> EventSummary in
            let id = try row.text("id")
            let decision = try StoredJSON.decode(Decision.self, from: try row.text("decision"))
            return EventSummary(
                id: EventID(rawValue: id), source: try row.text("source"), kind: EventKind(rawValue: try row.text("kind")) ?? .form,
                format: try row.text("format"), receivedAt: EpochMilliseconds.date(try row.integer("received_at")),
                sender: Party(email: try row.optionalText("sender_email"), name: try row.optionalText("sender_name")).displayName,
                subject: try row.optionalText("subject"), outcome: try row.text("outcome"), matchedRules: decision.matchedRules,
                deliveries: (byEvent[id] ?? []).map(\.summary))
        }
        func cursor(_ row: (some SQLRow)?) throws -> String? {
            try row.map { EventCursor.after(receivedAt: try $0.integer("received_at"), id: try $0.text("id")) }
        }
        // Going back, the page's cursor was one of the older events; going on, one of the newer.
        let olderFollow = goingBack ? !shown.isEmpty : more
        let newerFollow = goingBack ? more : query.cursor != nil && !shown.isEmpty
        return EventPage(
            events: events, next: olderFollow ? try cursor(shown.last) : nil, previous: newerFollow ? try cursor(shown.first) : nil,
            total: total)
    }
}
