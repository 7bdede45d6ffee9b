import Foundation
import GRDB
import TicketGateCore

extension SQLiteEventStore {
    public func claimDueDeliveries(now: Date, limit: Int, leaseUntil: Date) async throws -> [DeliveryJob] {
        try await writer.write { db in
            let rows = try DeliveryRow.fetchAll(
                db,
                sql: """
                    UPDATE delivery SET lease_until = ?, attempts = attempts + 1, updated_at = ?
                    WHERE id IN (
                        SELECT id FROM delivery
                        WHERE status = 'pending' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
                        ORDER BY next_attempt_at LIMIT ?)
                    RETURNING *
                    """,
                arguments: [leaseUntil, now, now, now, limit]
            )
            return rows.sorted { $0.nextAttemptAt < $1.nextAttemptAt }.map(\.job)
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
            case .failed(let failure), .dead(let failure):
                row.record(failure)
            }
            try row.update(db)
            try Self.insert(audit, eventID: eventID, deliveryID: deliveryID, in: db)
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
