import Foundation
import GRDB
import TicketGateCore

extension SQLiteEventStore {
    package func report(for id: EventID) async throws -> EventReport? {
        let dialect = SQLiteDialect()
        return try await writer.read { db in
            guard let event = try db.rows(StoredEvent.lookup(id, dialect)).first else { return nil }
            return EventReport(
                event: try StoredEvent.event(event), decision: try StoredEvent.decision(event),
                deliveries: try db.rows(EventListing.deliveries(of: [id.rawValue], dialect)).map {
                    try StoredDelivery(row: $0, instant: EpochMilliseconds.date).summary
                },
                audit: try db.rows(StoredEvent.audit(of: id, dialect)).flatMap(AuditEntry.entries))
        }
    }

    package func counts() async throws -> StoreCounts {
        try await writer.read { db in
            StoreCounts(
                events: try Int.fetchOne(db, sql: "SELECT count(*) FROM event") ?? 0,
                deliveries: try Int.fetchOne(db, sql: "SELECT count(*) FROM delivery") ?? 0,
                auditRecords: try Int.fetchOne(db, sql: "SELECT coalesce(sum(json_array_length(records)), 0) FROM audit_batch") ?? 0
            )
        }
    }

    /// The deliveries of one event, each time any of them changes.
    package func deliveryUpdates(for id: EventID) -> some AsyncSequence<[DeliverySummary], any Error> {
        let deliveries = EventListing.deliveries(of: [id.rawValue], SQLiteDialect())
        return
            ValueObservation
            .tracking { db in try db.rows(deliveries).map { try StoredDelivery(row: $0, instant: EpochMilliseconds.date).summary } }
            .values(in: writer)
    }
}

extension SQLiteEventStore {
    /// The bytes of an event's posted attachments, in the order the event lists them.
    package func attachmentData(for id: EventID) async throws -> [[UInt8]] {
        try await writer.read { db in
            try Data.fetchAll(db, sql: "SELECT data FROM attachment WHERE event_id = ? ORDER BY position", arguments: [id.rawValue]).map {
                [UInt8]($0)
            }
        }
    }
}
