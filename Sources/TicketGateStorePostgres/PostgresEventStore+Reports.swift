import Foundation
import PostgresNIO
import TicketGateCore

extension PostgresEventStore {
    package func report(for id: EventID) async throws -> EventReport? {
        try await connections.withConnection { connection in
            guard let event = try await connection.rows("SELECT event, decision FROM event WHERE id = \(id.rawValue)", logger: logger).first else {
                return nil
            }
            let deliveries = try await connection.rows("SELECT * FROM delivery WHERE event_id = \(id.rawValue) ORDER BY id", logger: logger)
            let audit = try await connection.rows(
                "SELECT delivery_id, records FROM audit_batch WHERE event_id = \(id.rawValue) ORDER BY id", logger: logger)
            return EventReport(
                event: try StoredJSON.decode(InboundEvent.self, from: try event.text("event")),
                decision: try StoredJSON.decode(Decision.self, from: try event.text("decision")),
                deliveries: try deliveries.map { try StoredDelivery(postgres: $0, clock: clock).summary },
                audit: try audit.flatMap { batch in
                    let deliveryID = try batch["delivery_id"].decode(Int64?.self)
                    return try StoredAuditRecord.records(try batch.text("records")).map { AuditEntry(deliveryID: deliveryID, record: $0) }
                })
        }
    }

    /// How many rows each table holds (audit records counted one by one).
    package func counts() async throws -> StoreCounts {
        try await connections.withConnection { connection in
            let row = try await connection.rows(
                """
                SELECT (SELECT count(*) FROM event) AS events, (SELECT count(*) FROM delivery) AS deliveries,
                    (SELECT coalesce(sum(json_array_length(records::json)), 0) FROM audit_batch)::bigint AS audit
                """, logger: logger
            ).first
            return StoreCounts(
                events: Int(try row?.integer("events") ?? 0), deliveries: Int(try row?.integer("deliveries") ?? 0),
                auditRecords: Int(try row?.integer("audit") ?? 0))
        }
    }
}
