import Foundation
import GRDB
import TicketGateCore

extension SQLiteEventStore: SQLStore {
    package var dialect: any SQLDialect { SQLiteDialect() }

    /// Statements that write share a transaction of the group commit; those that read, one snapshot.
    package func run(_ statements: [SQLStatement], writes: Bool) async throws -> [[SQLiteRow]] {
        let bound = try statements.map(BoundStatement.init)
        if writes {
            return try await commits.submit { db in try bound.map(db.rows) }
        }
        return try await writer.read { db in try bound.map(db.rows) }
    }

    package func instant(_ milliseconds: Int64) -> Date { EpochMilliseconds.date(milliseconds) }

    package func milliseconds(_ date: Date) -> Int64 { EpochMilliseconds.of(date) }

    /// One process delivers: its own worker is woken by the ingest path.
    package func deliveriesBecameDue() {}

    package func requeueDeliveries(_ selection: DeliverySelection, statuses: Set<DeliveryStatus>, now: Date, audit: AuditRecord) async throws
        -> [DeliverySummary]
    {
        let requeue = DeliveryRequeue.statement(selection, statuses: statuses, now: EpochMilliseconds.of(now), SQLiteDialect())
        return try await writer.write { db in
            let requeued = try db.rows(requeue).map { try StoredDelivery(row: $0, instant: EpochMilliseconds.date) }.sorted { $0.id < $1.id }
            for delivery in requeued {
                try AuditInsertion.statement([audit], eventID: EventID(rawValue: delivery.eventID), deliveryID: delivery.id, SQLiteDialect())
                    .map(db.execute)
            }
            return requeued.map(\.summary)
        }
    }

    package func addDeliveries(to event: EventID, _ deliveries: [(draft: TicketDraft, refs: VendorRefs)], now: Date, audit: [AuditRecord])
        async throws -> [DeliverySummary]
    {
        let due = EpochMilliseconds.of(now)
        let auditInsertion = try AuditInsertion.statement(audit, eventID: event, deliveryID: nil, SQLiteDialect())
        return try await writer.write { db in
            guard let row = try db.rows(StoredEvent.lookup(event, SQLiteDialect())).first else { throw StoreError.noSuchEvent(event) }
            let keys = ConversationKeys(event: try StoredEvent.event(row))
            let added = try deliveries.map { delivery in
                let inserted = try Self.insert(
                    DeliveryInsertion(eventID: event, draft: delivery.draft, refs: delivery.refs, keys: keys, due: due, SQLiteDialect()), in: db)
                return StoredDelivery.added(id: try inserted.integer("id"), to: event, delivery.draft, refs: delivery.refs, at: now).summary
            }
            try auditInsertion.map(db.execute)
            return added
        }
    }
}
