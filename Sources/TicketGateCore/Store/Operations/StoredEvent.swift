import Foundation

/// Reading one stored event back: its row, its JSON columns, its audit records.
package enum StoredEvent {
    /// The event's `event` and `decision` columns, or no row.
    package static func lookup(_ id: EventID, _ dialect: any SQLDialect) -> SQLStatement {
        SQLStatement(dialect) { sql in sql.append("SELECT event, decision FROM event WHERE id = \(sql.bind(.text(id.rawValue)))") }
    }

    /// The event's `audit_batch` rows, in the order they were written.
    package static func audit(of id: EventID, _ dialect: any SQLDialect) -> SQLStatement {
        SQLStatement(dialect) { sql in
            sql.append("SELECT delivery_id, records FROM audit_batch WHERE event_id = \(sql.bind(.text(id.rawValue))) ORDER BY id")
        }
    }

    package static func event(_ row: some SQLRow) throws -> InboundEvent {
        try StoredJSON.decode(InboundEvent.self, from: try row.text("event"))
    }

    package static func decision(_ row: some SQLRow) throws -> Decision {
        try StoredJSON.decode(Decision.self, from: try row.text("decision"))
    }
}
