import Foundation
import GRDB
import TicketGateCore

extension SQLiteEventStore {
    public func claimDueDeliveries(now: Date, limit: Int, leaseUntil: Date, destinations: DestinationFilter) async throws -> [DeliveryJob] {
        var filter = ""
        var arguments: StatementArguments = [leaseUntil, now, now, now]
        switch destinations {
        case .all:
            break
        case .except(let names) where !names.isEmpty:
            filter = "AND d.destination NOT IN (\(Array(repeating: "?", count: names.count).joined(separator: ", ")))"
            _ = arguments.append(contentsOf: StatementArguments(names.sorted()))
        case .except:
            break
        case .only(let name):
            filter = "AND d.destination = ?"
            _ = arguments.append(contentsOf: [name])
        }
        _ = arguments.append(contentsOf: [limit])
        let sql = """
            UPDATE delivery SET lease_until = ?, attempts = attempts + 1, updated_at = ?
            WHERE id IN (
                SELECT d.id FROM delivery d
                WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND (d.lease_until IS NULL OR d.lease_until <= ?)
                \(filter)
                AND NOT EXISTS (SELECT 1 FROM delivery o WHERE o.id = d.conversation_opener AND o.status = 'pending')
                ORDER BY d.next_attempt_at LIMIT ?)
            RETURNING *
            """
        let bound = arguments
        return try await writer.write { db in
            let rows = try DeliveryRow.fetchAll(db, sql: sql, arguments: bound)
            return try rows.sorted { $0.nextAttemptAt < $1.nextAttemptAt }.map { row in
                let opener = try row.conversationOpener.flatMap { try DeliveryRow.fetchOne(db, key: $0) }
                let files = try AttachmentRow.filter(Column("event_id") == row.eventID).order(Column("position")).fetchAll(db).map(\.attachment)
                return row.job(opener: opener, files: files)
            }
        }
    }

    public func saveProgress(deliveryID: Int64, eventID: EventID, refs: VendorRefs, audit: [AuditRecord]) async throws {
        try await writer.write { db in
            guard var row = try DeliveryRow.fetchOne(db, key: deliveryID) else { return }
            row.refs = refs
            row.updatedAt = Date()
            try row.update(db)
            try Self.insert(audit, eventID: eventID, deliveryID: deliveryID, in: db)
        }
    }

    public func finishAttempt(deliveryID: Int64, eventID: EventID, result: DeliveryResult, audit: [AuditRecord]) async throws {
        try await writer.write { db in
            guard var row = try DeliveryRow.fetchOne(db, key: deliveryID) else { return }
            row.status = result.status.rawValue
            row.leaseUntil = nil
            row.updatedAt = Date()
            switch result {
            case .delivered(let refs):
                row.refs = refs
                row.lastFailureReason = nil
                row.lastFailureDetail = nil
            case .dryRun:
                break
            case .retry(let at, let failure):
                row.nextAttemptAt = at
                row.record(failure)
            case .paused(let until, let failure):
                row.nextAttemptAt = until
                row.attempts = max(0, row.attempts - 1)
                row.record(failure)
            case .failed(let failure), .dead(let failure):
                row.record(failure)
            }
            try row.update(db)
            try Self.insert(audit, eventID: eventID, deliveryID: deliveryID, in: db)
            // In the same transaction as the dead letter, so a stop in between cannot lose the fallback.
            if result.status == .failed || result.status == .dead, let fallback = row.draft.fallbackDraft() {
                var delivery = DeliveryRow(eventID: eventID, draft: fallback, at: Date())
                try delivery.insert(db)
            }
        }
    }

    public func resumeWaitingDeliveries(to destination: String, now: Date) async throws -> Int {
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE delivery SET next_attempt_at = ?
                    WHERE destination = ? AND status = 'pending' AND last_failure_reason = ? AND next_attempt_at > ?
                    """,
                arguments: [now, destination, FailureReason.unauthorized.rawValue, now]
            )
            return db.changesCount
        }
    }

    /// Releases the leases of attempts that were running when the last process stopped, so they are tried
    /// again at once. Only the serving process, which holds the process lock, may call this.
    @discardableResult
    public func releaseInterruptedAttempts() async throws -> Int {
        try await writer.write { db in
            try db.execute(sql: "UPDATE delivery SET lease_until = NULL WHERE status = 'pending' AND lease_until IS NOT NULL")
            return db.changesCount
        }
    }

    static func insert(_ records: [AuditRecord], eventID: EventID, deliveryID: Int64?, in db: Database) throws {
        for record in records {
            var row = AuditRow(eventID: eventID, deliveryID: deliveryID, record: record)
            try row.insert(db)
        }
    }
}

extension DeliveryRow {
    fileprivate mutating func record(_ failure: DeliveryFailure) {
        lastFailureReason = failure.reason.rawValue
        lastFailureDetail = failure.detail
    }
}
