import Foundation
import PostgresNIO
import TicketGateCore

extension PostgresEventStore {
    package func report(for id: EventID) async throws -> EventReport? {
        try await connections.withConnection { connection in
            guard let event = try await connection.rows(StoredEvent.lookup(id, PostgresDialect()), logger: logger).first else { return nil }
            let deliveries = try await connection.rows(EventListing.deliveries(of: [id.rawValue], PostgresDialect()), logger: logger)
            let audit = try await connection.rows(StoredEvent.audit(of: id, PostgresDialect()), logger: logger)
            return EventReport(
                event: try StoredEvent.event(event), decision: try StoredEvent.decision(event),
                deliveries: try deliveries.map { try StoredDelivery(row: $0, instant: clock.instance).summary },
                audit: try audit.flatMap(AuditEntry.entries))
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
