import Foundation
import GRDB
import TicketGateCore

extension SQLiteEventStore {
    package func report(for id: EventID) async throws -> EventReport? {
        try await writer.read { db in
            guard let event = try EventRow.fetchOne(db, key: id.rawValue) else { return nil }
            let deliveries = try DeliveryRow.filter(DeliveryRow.Columns.eventID == id.rawValue).order(Column("id")).fetchAll(db)
            let audit = try Row.fetchAll(db, sql: "SELECT * FROM audit_batch WHERE event_id = ? ORDER BY id", arguments: [id.rawValue])
                .flatMap { try AuditBatchRow(row: $0).entries }
            return EventReport(event: event.event, decision: event.decision, deliveries: deliveries.map(\.summary), audit: audit)
        }
    }

    package func counts() async throws -> StoreCounts {
        try await writer.read { db in
            StoreCounts(
                events: try EventRow.fetchCount(db),
                deliveries: try DeliveryRow.fetchCount(db),
                auditRecords: try Int.fetchOne(db, sql: "SELECT coalesce(sum(json_array_length(records)), 0) FROM audit_batch") ?? 0
            )
        }
    }

    /// The deliveries of one event, each time any of them changes.
    package func deliveryUpdates(for id: EventID) -> some AsyncSequence<[DeliverySummary], any Error> {
        ValueObservation
            .tracking { db in
                try DeliveryRow.filter(DeliveryRow.Columns.eventID == id.rawValue).order(Column("id")).fetchAll(db).map(\.summary)
            }
            .values(in: writer)
    }
}

extension SQLiteEventStore {
    /// The bytes of an event's posted attachments, in the order the event lists them.
    package func attachmentData(for id: EventID) async throws -> [[UInt8]] {
        try await writer.read { db in
            try AttachmentRow.filter(Column("event_id") == id.rawValue).order(Column("position")).fetchAll(db).map { [UInt8]($0.data) }
        }
    }
}
