import Foundation

/// Stored events with the decision each got when it arrived, newest first, a page at a time: what
/// `ticketgate preview` decides again under other rules. A page's cursor is its last row's time (in
/// milliseconds) and id, as the event list's.
package enum DecidedEvents {
    /// At most `limit` events received at `since` or later and before `cursor`, newest first.
    package static func page(since: Date?, before cursor: String?, limit: Int, _ dialect: any SQLDialect) throws -> SQLStatement {
        let after = try cursor.map(EventCursor.parse)
        return SQLStatement(dialect) { sql in
            var conditions: [String] = []
            if let since {
                conditions.append("received_at >= \(sql.bind(.integer(EpochMilliseconds.of(since))))")
            }
            if let after {
                conditions.append("(received_at, id) < (\(sql.bind(.integer(after.receivedAt))), \(sql.bind(.text(after.id))))")
            }
            sql.append(
                """
                SELECT id, received_at, event, decision FROM event \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
                ORDER BY received_at DESC, id DESC LIMIT \(sql.bind(.integer(Int64(limit))))
                """)
        }
    }

    package static func event(_ row: some SQLRow) throws -> DecidedEvent {
        DecidedEvent(
            event: try StoredEvent.event(row), decision: try StoredEvent.decision(row),
            cursor: EventCursor.after(receivedAt: try row.integer("received_at"), id: try row.text("id")))
    }
}

/// A stored event and the decision it got.
package struct DecidedEvent: Sendable {
    package var event: InboundEvent
    package var decision: Decision
    /// Where a page that ends with this event continues.
    package var cursor: String
}
