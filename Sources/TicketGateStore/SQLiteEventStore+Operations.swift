import Foundation
import GRDB
import TicketGateCore

extension SQLiteEventStore: OperatorStore {
    package func listEvents(_ query: EventQuery) async throws -> EventPage {
        let dialect = SQLiteDialect()
        let statement = try EventListing.events(query, dialect)
        return try await writer.read { db in
            let rows = try db.rows(statement)
            let ids = try rows.prefix(query.limit).map { try $0.text("id") }
            let deliveries = try db.rows(EventListing.deliveries(of: ids, dialect)).map {
                try StoredDelivery(row: $0, instant: EpochMilliseconds.date)
            }
            return try EventListing.page(rows, deliveries: deliveries, limit: query.limit)
        }
    }

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

    package func activity(since: Date) async throws -> [ActivityHour] {
        let from = EpochMilliseconds.of(since)
        return try await writer.read { db in
            var hours: [Int64: ActivityHour] = [:]
            let hour = "(e.received_at - (e.received_at % 3600000))"
            for row in try Row.fetchAll(
                db, sql: "SELECT \(hour) AS hour, COUNT(*) AS n FROM event e WHERE e.received_at >= ? GROUP BY hour", arguments: [from])
            {
                let start: Int64 = row["hour"]
                hours[start] = ActivityHour(start: EpochMilliseconds.date(start), events: row["n"], deliveries: [:])
            }
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT \(hour) AS hour, d.status, COUNT(*) AS n FROM event e JOIN delivery d ON d.event_id = e.id
                    WHERE e.received_at >= ? GROUP BY hour, d.status
                    """,
                arguments: [from])
            {
                guard let status = DeliveryStatus(rawValue: row["status"]) else { continue }
                hours[row["hour"]]?.deliveries[status] = row["n"]
            }
            return hours.values.sorted { $0.start < $1.start }
        }
    }

    package func deliveryCounts() async throws -> [String: [DeliveryStatus: Int]] {
        try await writer.read { db in
            var counts: [String: [DeliveryStatus: Int]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT destination, status, COUNT(*) AS n FROM delivery GROUP BY destination, status") {
                guard let status = DeliveryStatus(rawValue: row["status"]) else { continue }
                counts[row["destination"], default: [:]][status] = row["n"]
            }
            return counts
        }
    }

    package func outboxBacklog(now: Date) async throws -> OutboxBacklog {
        try await writer.read { db in
            let row = try Row.fetchOne(
                db, sql: "SELECT COUNT(*) AS due, MIN(next_attempt_at) AS oldest FROM delivery WHERE status = 'pending' AND next_attempt_at <= ?",
                arguments: [EpochMilliseconds.of(now)])
            return OutboxBacklog(due: row?["due"] ?? 0, oldestDueAt: (row?["oldest"] as Int64?).map(EpochMilliseconds.date))
        }
    }

    package func recordSignOut(nonce: String, expiresAt: Date, now: Date) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM console_signout WHERE expires_at < ?", arguments: [EpochMilliseconds.of(now)])
            try db.execute(
                sql: "INSERT INTO console_signout(nonce, expires_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                arguments: [nonce, EpochMilliseconds.of(expiresAt)])
        }
    }

    package func isSignedOut(nonce: String) async throws -> Bool {
        try await writer.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM console_signout WHERE nonce = ?)", arguments: [nonce]) ?? false
        }
    }

    package func prune(_ retention: RetentionCutoffs) async throws -> PruneResult {
        try await writer.write { db in
            // Attachments an open delivery will still upload stay until it ends.
            try db.execute(
                sql: """
                    DELETE FROM attachment WHERE event_id IN (SELECT id FROM event WHERE received_at < ?)
                    AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.event_id = attachment.event_id AND d.status = 'pending')
                    """,
                arguments: [EpochMilliseconds.of(retention.rawBefore)])
            try db.execute(
                sql: "UPDATE event SET raw_body = x'' WHERE received_at < ? AND length(raw_body) > 0",
                arguments: [EpochMilliseconds.of(retention.rawBefore)])
            let rawBodies = db.changesCount
            try db.execute(
                sql: """
                    DELETE FROM event WHERE received_at < ?
                    AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.event_id = event.id AND d.status = 'pending')
                    """,
                arguments: [EpochMilliseconds.of(retention.eventsBefore)]
            )
            return PruneResult(rawBodies: rawBodies, events: db.changesCount)
        }
    }
}
