import PostgresNIO
import TicketGateCore

/// The SQL of an event list on PostgreSQL: the filters `TicketGateStore`'s `EventListQuery` applies, newest
/// first, one row more than the page so the store knows whether there is a next one.
struct PostgresEventListQuery {
    let query: EventQuery

    init(_ query: EventQuery) {
        self.query = query
    }

    func statement() throws -> PostgresQuery {
        var conditions: [String] = []
        var bindings = PostgresBindings()
        func bind(_ value: some PostgresNonThrowingEncodable) -> String {
            bindings.append(value)
            return "$\(bindings.count)"
        }
        if let status = query.status {
            switch status {
            case .dropped: conditions.append("e.outcome = 'drop'")
            case .unrouted: conditions.append("e.outcome = 'unrouted'")
            default:
                let destination = query.destination.map { " AND d.destination = \(bind($0))" } ?? ""
                conditions.append("EXISTS (SELECT 1 FROM delivery d WHERE d.event_id = e.id AND d.status = \(bind(status.rawValue))\(destination))")
            }
        }
        if let destination = query.destination, query.status == nil || query.status == .dropped || query.status == .unrouted {
            conditions.append("EXISTS (SELECT 1 FROM delivery d WHERE d.event_id = e.id AND d.destination = \(bind(destination)))")
        }
        if let source = query.source {
            conditions.append("e.source = \(bind(source))")
        }
        if let rule = query.rule {
            conditions.append(
                // A decision may hold U+0000 (written `\u0000`), which PostgreSQL's JSON functions refuse to read:
                // it is read as U+FFFD, which changes no rule's name or result.
                "EXISTS (SELECT 1 FROM json_array_elements(replace(e.decision, '\\u0000', '\\ufffd')::json -> 'trace') t "
                    + "WHERE t ->> 'rule' = \(bind(rule)) AND t ->> 'result' = 'matched')")
        }
        if let text = query.text {
            conditions.append("e.search_text LIKE \(bind(SearchText.pattern(for: text))) ESCAPE '\\'")
        }
        if let since = query.since {
            conditions.append("e.received_at >= \(bind(EpochMilliseconds.of(since)))")
        }
        if let until = query.until {
            conditions.append("e.received_at < \(bind(EpochMilliseconds.of(until)))")
        }
        if let cursor = query.cursor {
            let (receivedAt, id) = try EventCursor.parse(cursor)
            conditions.append("(e.received_at, e.id) < (\(bind(receivedAt)), \(bind(id)))")
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = """
            SELECT e.id, e.source, e.kind, e.format, e.received_at, e.outcome, e.decision, e.sender_email, e.sender_name, e.subject
            FROM event e
            \(filter)
            ORDER BY e.received_at DESC, e.id DESC LIMIT \(bind(Int64(query.limit + 1)))
            """
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }
}
