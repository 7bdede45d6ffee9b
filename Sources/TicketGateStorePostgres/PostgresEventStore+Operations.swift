import Foundation
import PostgresNIO
import TicketGateCore

extension PostgresEventStore {
    package func listEvents(_ query: EventQuery) async throws -> EventPage {
        let statement = try EventListing.events(query, PostgresDialect())
        return try await connections.withConnection { connection in
            let rows = try await connection.rows(statement, logger: logger)
            let ids = try rows.prefix(query.limit).map { try $0.text("id") }
            let deliveries = try await connection.rows(EventListing.deliveries(of: ids, PostgresDialect()), logger: logger).map {
                try StoredDelivery(row: $0, instant: clock.instance)
            }
            return try EventListing.page(rows, deliveries: deliveries, limit: query.limit)
        }
    }

    package func requeueDeliveries(_ selection: DeliverySelection, statuses: Set<DeliveryStatus>, now: Date, audit: AuditRecord) async throws
        -> [DeliverySummary]
    {
        let requeue = DeliveryRequeue.statement(selection, statuses: statuses, now: clock.database(now), PostgresDialect())
        let logger = logger
        return try await connections.transaction { connection in
            let requeued = try await connection.rows(requeue, logger: logger).map { try StoredDelivery(row: $0, instant: clock.instance) }
                .sorted { $0.id < $1.id }
            for delivery in requeued {
                if let insertion = try AuditInsertion.statement(
                    [audit], eventID: EventID(rawValue: delivery.eventID), deliveryID: delivery.id, PostgresDialect())
                {
                    try await connection.execute(insertion, logger: logger)
                }
            }
            if !requeued.isEmpty {
                try await connection.execute(PostgresQuery(unsafeSQL: "NOTIFY \(StoreNotifications.outboxChannel)"), logger: logger)
            }
            return requeued.map(\.summary)
        }
    }

    package func addDeliveries(to event: EventID, _ deliveries: [(draft: TicketDraft, refs: VendorRefs)], now: Date, audit: [AuditRecord])
        async throws -> [DeliverySummary]
    {
        let auditInsertion = try AuditInsertion.statement(audit, eventID: event, deliveryID: nil, PostgresDialect())
        let logger = logger
        let due = clock.database(now)
        return try await connections.transaction { connection in
            guard let row = try await connection.rows(StoredEvent.lookup(event, PostgresDialect()), logger: logger).first else {
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
                try await connection.execute(auditInsertion, logger: logger)
            }
            return added
        }
    }

    package func activity(since: Date) async throws -> [ActivityHour] {
        let from = EpochMilliseconds.of(since)
        return try await connections.withConnection { connection in
            var hours: [Int64: ActivityHour] = [:]
            for row in try await connection.rows(
                "SELECT received_at - received_at % 3600000 AS hour, count(*) AS n FROM event WHERE received_at >= \(from) GROUP BY hour",
                logger: logger)
            {
                let start = try row.integer("hour")
                hours[start] = ActivityHour(start: EpochMilliseconds.date(start), events: Int(try row.integer("n")), deliveries: [:])
            }
            for row in try await connection.rows(
                """
                SELECT e.received_at - e.received_at % 3600000 AS hour, d.status, count(*) AS n FROM event e JOIN delivery d ON d.event_id = e.id
                WHERE e.received_at >= \(from) GROUP BY hour, d.status
                """, logger: logger)
            {
                guard let status = DeliveryStatus(rawValue: try row.text("status")) else { continue }
                hours[try row.integer("hour")]?.deliveries[status] = Int(try row.integer("n"))
            }
            return hours.values.sorted { $0.start < $1.start }
        }
    }

    package func deliveryCounts() async throws -> [String: [DeliveryStatus: Int]] {
        try await connections.withConnection { connection in
            var counts: [String: [DeliveryStatus: Int]] = [:]
            for row in try await connection.rows(
                "SELECT destination, status, count(*) AS n FROM delivery GROUP BY destination, status", logger: logger)
            {
                guard let status = DeliveryStatus(rawValue: try row.text("status")) else { continue }
                counts[try row.text("destination"), default: [:]][status] = Int(try row.integer("n"))
            }
            return counts
        }
    }

    package func outboxBacklog(now: Date) async throws -> OutboxBacklog {
        let at = clock.database(now)
        return try await connections.withConnection { connection in
            let row = try await connection.rows(
                "SELECT count(*) AS due, min(next_attempt_at) AS oldest FROM delivery WHERE status = 'pending' AND next_attempt_at <= \(at)",
                logger: logger
            ).first
            return OutboxBacklog(
                due: Int(try row?.integer("due") ?? 0), oldestDueAt: try row?["oldest"].decode(Int64?.self).map(clock.instance))
        }
    }

    package func recordSignOut(nonce: String, expiresAt: Date, now: Date) async throws {
        let logger = logger
        try await connections.transaction { connection in
            try await connection.execute("DELETE FROM console_signout WHERE expires_at < \(EpochMilliseconds.of(now))", logger: logger)
            try await connection.execute(
                "INSERT INTO console_signout (nonce, expires_at) VALUES (\(nonce), \(EpochMilliseconds.of(expiresAt))) ON CONFLICT DO NOTHING",
                logger: logger)
        }
    }

    package func isSignedOut(nonce: String) async throws -> Bool {
        try await connections.withConnection { connection in
            try await connection.value("SELECT EXISTS (SELECT 1 FROM console_signout WHERE nonce = \(nonce))", as: Bool.self, logger: logger)
                ?? false
        }
    }

    /// The advisory lock the instance that prunes holds for the transaction: one instance prunes at a time
    /// ("tgprune" in ASCII).
    static let pruneLockKey: Int64 = 0x0074_6770_7275_6E65

    /// Deletes what is older than the retention allows, on one instance at a time: an instance that finds
    /// another pruning removes nothing this round.
    package func prune(_ retention: RetentionCutoffs) async throws -> PruneResult {
        let rawBefore = EpochMilliseconds.of(retention.rawBefore)
        let eventsBefore = EpochMilliseconds.of(retention.eventsBefore)
        let logger = logger
        return try await connections.transaction { connection in
            guard try await connection.value("SELECT pg_try_advisory_xact_lock(\(Self.pruneLockKey))", as: Bool.self, logger: logger) == true else {
                return PruneResult(rawBodies: 0, events: 0)
            }
            // Attachments an open delivery will still upload stay until it ends.
            try await connection.execute(
                """
                DELETE FROM attachment a USING event e
                WHERE a.event_id = e.id AND e.received_at < \(rawBefore)
                AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.event_id = a.event_id AND d.status = 'pending')
                """, logger: logger)
            let rawBodies = try await connection.rows(
                "UPDATE event SET raw_body = ''::bytea WHERE received_at < \(rawBefore) AND octet_length(raw_body) > 0 RETURNING id",
                logger: logger
            ).count
            let events = try await connection.rows(
                """
                DELETE FROM event WHERE received_at < \(eventsBefore)
                AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.event_id = event.id AND d.status = 'pending')
                RETURNING id
                """, logger: logger
            ).count
            return PruneResult(rawBodies: rawBodies, events: events)
        }
    }
}
