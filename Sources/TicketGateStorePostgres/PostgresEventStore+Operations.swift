import Foundation
import PostgresNIO
import TicketGateCore

extension PostgresEventStore: SQLStore {
    package var dialect: any SQLDialect { PostgresDialect() }

    /// Several statements run in one transaction; one, by itself.
    package func run(_ statements: [SQLStatement], writes: Bool) async throws -> [[PostgresRandomAccessRow]] {
        let logger = logger
        let runAll: (PostgresConnection) async throws -> [[PostgresRandomAccessRow]] = { connection in
            var answers: [[PostgresRandomAccessRow]] = []
            for statement in statements { answers.append(try await connection.rows(statement.query, logger: logger)) }
            return answers
        }
        return statements.count > 1 ? try await connections.transaction(runAll) : try await connections.withConnection(runAll)
    }

    package func instant(_ milliseconds: Int64) -> Date { clock.instance(milliseconds) }

    package func milliseconds(_ date: Date) -> Int64 { clock.database(date) }

    /// Wakes this instance's workers, and the others by a `NOTIFY` sent off the request's path (`StoreNotifications`).
    package func deliveriesBecameDue() {
        notifications.deliveriesBecameDue()
    }

    package func requeueDeliveries(_ selection: DeliverySelection, statuses: Set<DeliveryStatus>, now: Date, audit: AuditRecord) async throws
        -> [DeliverySummary]
    {
        let requeue = DeliveryRequeue.statement(selection, statuses: statuses, now: clock.database(now), PostgresDialect())
        let logger = logger
        let requeued = try await connections.transaction { connection in
            let requeued = try await connection.rows(requeue.query, logger: logger).map { try StoredDelivery(row: $0, instant: clock.instance) }
                .sorted { $0.id < $1.id }
            for delivery in requeued {
                if let insertion = try AuditInsertion.statement(
                    [audit], eventID: EventID(rawValue: delivery.eventID), deliveryID: delivery.id, PostgresDialect())
                {
                    try await connection.execute(insertion.query, logger: logger)
                }
            }
            return requeued.map(\.summary)
        }
        if !requeued.isEmpty { deliveriesBecameDue() }
        return requeued
    }

    package func addDeliveries(to event: EventID, _ deliveries: [(draft: TicketDraft, refs: VendorRefs)], now: Date, audit: [AuditRecord])
        async throws -> [DeliverySummary]
    {
        let auditInsertion = try AuditInsertion.statement(audit, eventID: event, deliveryID: nil, PostgresDialect())
        let logger = logger
        let due = clock.database(now)
        let added = try await connections.transaction { connection in
            guard let row = try await connection.rows(StoredEvent.lookup(event, PostgresDialect()).query, logger: logger).first else {
                throw StoreError.noSuchEvent(event)
            }
            let keys = ConversationKeys(event: try StoredEvent.event(row))
            var added: [DeliverySummary] = []
            for delivery in deliveries {
                let inserted = try await Self.insert(
                    DeliveryInsertion(eventID: event, draft: delivery.draft, refs: delivery.refs, keys: keys, due: due, PostgresDialect()),
                    on: connection, logger: logger)
                added.append(StoredDelivery.added(id: try inserted.integer("id"), to: event, delivery.draft, refs: delivery.refs, at: now).summary)
            }
            if let auditInsertion {
                try await connection.execute(auditInsertion.query, logger: logger)
            }
            return added
        }
        if !added.isEmpty { deliveriesBecameDue() }
        return added
    }
}
