import Foundation
import GRDB
import TicketGateCore

extension SQLiteEventStore: OperatorStore {
    package func listEvents(_ query: EventQuery) async throws -> EventPage {
        let (sql, arguments) = try EventListQuery(query).statement()
        return try await writer.read { db in
            let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
            let page = rows.prefix(query.limit)
            let ids = page.map { $0["id"] as String }
            let deliveries = try DeliveryRow.filter(ids.contains(DeliveryRow.Columns.eventID)).order(Column("id")).fetchAll(db)
            let byEvent = Dictionary(grouping: deliveries, by: \.eventID)
            let events = try page.map { row -> EventSummary in
                let id: String = row["id"]
                let decision = try JSONDecoder().decode(Decision.self, from: Data((row["decision"] as String).utf8))
                return EventSummary(
                    id: EventID(rawValue: id), source: row["source"], kind: EventKind(rawValue: row["kind"]) ?? .form, format: row["format"],
                    receivedAt: StoredDate.date(milliseconds: row["received_at"]),
                    sender: Party(email: row["sender_email"], name: row["sender_name"]).displayName, subject: row["subject"],
                    outcome: row["outcome"], matchedRules: decision.matchedRules,
                    deliveries: (byEvent[id] ?? []).map(\.summary)
                )
            }
            let next = rows.count > query.limit ? page.last.map { EventCursor.after(receivedAt: $0["received_at"], id: $0["id"]) } : nil
            return EventPage(events: events, next: next)
        }
    }

    package func requeueDeliveries(_ selection: DeliverySelection, statuses: Set<DeliveryStatus>, now: Date, audit: AuditRecord) async throws
        -> [DeliverySummary]
    {
        try await writer.write { db in
            var request = DeliveryRow.filter(statuses.map(\.rawValue).contains(Column("status")))
            switch selection {
            case .delivery(let id): request = request.filter(key: id)
            case .destination(let name): request = request.filter(Column("destination") == name)
            }
            var requeued: [DeliverySummary] = []
            for var row in try request.fetchAll(db) {
                row.status = DeliveryStatus.pending.rawValue
                row.attempts = 0
                row.nextAttemptAt = now
                row.leaseUntil = nil
                row.lastFailureReason = nil
                row.lastFailureDetail = nil
                row.updatedAt = now
                try row.update(db)
                try Self.insert([audit], eventID: EventID(rawValue: row.eventID), deliveryID: row.id, in: db)
                requeued.append(row.summary)
            }
            return requeued
        }
    }

    package func addDeliveries(to event: EventID, _ deliveries: [(draft: TicketDraft, refs: VendorRefs)], now: Date, audit: [AuditRecord])
        async throws -> [DeliverySummary]
    {
        try await writer.write { db in
            guard let row = try EventRow.fetchOne(db, key: event.rawValue) else { throw StoreError.noSuchEvent(event) }
            let added = try deliveries.map { delivery in
                var new = DeliveryRow(eventID: event, draft: delivery.draft, at: now)
                new.refs = delivery.refs
                new.id = try Self.insertDelivery(try EncodedRow(new), of: delivery.draft, for: row.event, in: db)
                return new.summary
            }
            try Self.insert(audit, eventID: event, deliveryID: nil, in: db)
            return added
        }
    }

    package func activity(since: Date) async throws -> [ActivityHour] {
        let from = StoredDate.databaseValue(since)
        return try await writer.read { db in
            var hours: [Int64: ActivityHour] = [:]
            let hour = "(e.received_at - (e.received_at % 3600000))"
            for row in try Row.fetchAll(
                db, sql: "SELECT \(hour) AS hour, COUNT(*) AS n FROM event e WHERE e.received_at >= ? GROUP BY hour", arguments: [from])
            {
                let start: Int64 = row["hour"]
                hours[start] = ActivityHour(start: StoredDate.date(milliseconds: start), events: row["n"], deliveries: [:])
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
                arguments: [StoredDate.databaseValue(now)])
            return OutboxBacklog(due: row?["due"] ?? 0, oldestDueAt: row.flatMap { StoredDate.date($0["oldest"]) })
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
                arguments: [StoredDate.databaseValue(retention.rawBefore)])
            try db.execute(
                sql: "UPDATE event SET raw_body = x'' WHERE received_at < ? AND length(raw_body) > 0",
                arguments: [StoredDate.databaseValue(retention.rawBefore)])
            let rawBodies = db.changesCount
            try db.execute(
                sql: """
                    DELETE FROM event WHERE received_at < ?
                    AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.event_id = event.id AND d.status = 'pending')
                    """,
                arguments: [StoredDate.databaseValue(retention.eventsBefore)]
            )
            return PruneResult(rawBodies: rawBodies, events: db.changesCount)
        }
    }
}
