import Foundation
import PostgresNIO
import TicketGateCore

extension PostgresEventStore {
    package func listEvents(_ query: EventQuery) async throws -> EventPage {
        let statement = try PostgresEventListQuery(query).statement()
        return try await connections.withConnection { connection in
            let rows = try await connection.rows(statement, logger: logger)
            let page = rows.prefix(query.limit)
            let ids = try page.map { try $0.text("id") }
            var byEvent: [String: [DeliverySummary]] = [:]
            for row in try await connection.rows("SELECT * FROM delivery WHERE event_id = ANY(\(ids)) ORDER BY id", logger: logger) {
                let delivery = try StoredDelivery(postgres: row, clock: clock)
                byEvent[delivery.eventID, default: []].append(delivery.summary)
            }
            let events = try page.map { row -> EventSummary in
                let id = try row.text("id")
                let decision = try StoredJSON.decode(Decision.self, from: try row.text("decision"))
                return EventSummary(
                    id: EventID(rawValue: id), source: try row.text("source"), kind: EventKind(rawValue: try row.text("kind")) ?? .form,
                    format: try row.text("format"), receivedAt: try row.date("received_at"),
                    sender: Party(email: try row.optionalText("sender_email"), name: try row.optionalText("sender_name")).displayName,
                    subject: try row.optionalText("subject"), outcome: try row.text("outcome"),
                    matchedRules: decision.matchedRules, deliveries: byEvent[id] ?? [])
            }
            let next =
                try rows.count > query.limit
                ? page.last.map { EventCursor.after(receivedAt: try $0.integer("received_at"), id: try $0.text("id")) } : nil
            return EventPage(events: events, next: next)
        }
    }

    package func requeueDeliveries(_ selection: DeliverySelection, statuses: Set<DeliveryStatus>, now: Date, audit: AuditRecord) async throws
        -> [DeliverySummary]
    {
        let at = clock.database(now)
        let statusNames = statuses.map(\.rawValue).sorted()
        let auditJSON = try StoredAuditRecord.json([audit])
        let logger = logger
        return try await connections.transaction { connection in
            var bindings = PostgresBindings()
            bindings.append(at)
            bindings.append(statusNames)
            let selected: String
            switch selection {
            case .delivery(let id):
                bindings.append(id)
                selected = "id = $3"
            case .destination(let name):
                bindings.append(name)
                selected = "destination = $3"
            }
            let query = PostgresQuery(
                unsafeSQL: """
                    UPDATE delivery SET status = 'pending', attempts = 0, next_attempt_at = $1, lease_until = NULL, claim_id = NULL,
                        last_failure_reason = NULL, last_failure_detail = NULL, updated_at = $1
                    WHERE status = ANY($2) AND \(selected)
                    RETURNING *
                    """, binds: bindings)
            var requeued: [StoredDelivery] = []
            for row in try await connection.rows(query, logger: logger) {
                requeued.append(try StoredDelivery(postgres: row, clock: clock))
            }
            for delivery in requeued.sorted(by: { $0.id < $1.id }) {
                try await Self.insertAudit(
                    auditJSON, eventID: EventID(rawValue: delivery.eventID), deliveryID: delivery.id, on: connection, logger: logger)
            }
            if !requeued.isEmpty {
                try await connection.execute(PostgresQuery(unsafeSQL: "NOTIFY \(Self.outboxChannel)"), logger: logger)
            }
            return requeued.sorted { $0.id < $1.id }.map(\.summary)
        }
    }

    package func addDeliveries(to event: EventID, _ deliveries: [(draft: TicketDraft, refs: VendorRefs)], now: Date, audit: [AuditRecord])
        async throws -> [DeliverySummary]
    {
        let auditJSON = audit.isEmpty ? nil : try StoredAuditRecord.json(audit)
        let logger = logger
        let due = clock.database(now)
        return try await connections.transaction { connection in
            guard let row = try await connection.rows("SELECT event FROM event WHERE id = \(event.rawValue)", logger: logger).first else {
                throw StoreError.noSuchEvent(event)
            }
            let stored = try StoredJSON.decode(InboundEvent.self, from: try row.text("event"))
            var added: [DeliverySummary] = []
            for delivery in deliveries {
                let id = try await Self.insertDelivery(of: delivery.draft, refs: delivery.refs, for: stored, due: due, on: connection, logger: logger)
                added.append(
                    StoredDelivery(
                        id: id, eventID: event.rawValue, status: DeliveryStatus.pending.rawValue, attempts: 0, nextAttemptAt: now,
                        draft: delivery.draft,
                        refs: delivery.refs, lastFailureReason: nil, lastFailureDetail: nil, createdAt: now
                    ).summary)
            }
            if let auditJSON {
                try await Self.insertAudit(auditJSON, eventID: event, deliveryID: nil, on: connection, logger: logger)
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
