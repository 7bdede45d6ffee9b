import Foundation
import GRDB
import TicketGateCore

extension SQLiteEventStore {
    package func claimDueDeliveries(now: Date, limit: Int, leaseUntil: Date, destinations: DestinationFilter) async throws -> [DeliveryJob] {
        var filter = ""
        var arguments: StatementArguments = [
            StoredDate.databaseValue(leaseUntil), StoredDate.databaseValue(now), StoredDate.databaseValue(now), StoredDate.databaseValue(now),
        ]
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
        // The writer only runs the statements; the rows are decoded (JSON columns included) on this task.
        let claimed = try await commits.submit { db in
            try Row.fetchAll(db.cachedStatement(sql: sql), arguments: bound).map { row in
                let openerID: Int64? = row["conversation_opener"]
                return ClaimedRows(
                    delivery: row,
                    opener: try openerID.flatMap {
                        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM delivery WHERE id = ?"), arguments: [$0])
                    },
                    files: try Row.fetchAll(
                        db.cachedStatement(sql: "SELECT * FROM attachment WHERE event_id = ? ORDER BY position"), arguments: [row["event_id"]])
                )
            }
        }
        let decoded = try claimed.map { rows in (rows: rows, delivery: try DeliveryRow(row: rows.delivery)) }
        return try decoded.sorted { $0.delivery.nextAttemptAt < $1.delivery.nextAttemptAt }.map { rows, delivery in
            delivery.job(opener: try rows.opener.map(DeliveryRow.init(row:)), files: try rows.files.map { try AttachmentRow(row: $0).attachment })
        }
    }

    /// A claimed outbox row with the row that opened its conversation and its files, as read in the claim.
    private struct ClaimedRows: @unchecked Sendable {
        // Rows fetched with `fetchAll` / `fetchOne` are copies that no database connection touches again.
        let delivery: Row
        let opener: Row?
        let files: [Row]
    }

    /// One process delivers from a SQLite store (it holds the process lock), so no other can have taken the
    /// delivery over: `claim` is not read.
    package func saveProgress(deliveryID: Int64, eventID: EventID, claim: UUID?, refs: VendorRefs, audit: [AuditRecord]) async throws {
        let refsJSON = try CompactJSONEncoder().string(refs)
        let batch = try Self.auditBatch(audit, eventID: eventID, deliveryID: deliveryID)
        try await commits.submit { db in
            try db.cachedStatement(sql: "UPDATE delivery SET refs = ?, updated_at = ? WHERE id = ?").execute(arguments: [
                refsJSON, StoredDate.databaseValue(Date()), deliveryID,
            ])
            guard db.changesCount > 0 else { return }
            try batch?.insert(db)
        }
    }

    /// Records how an attempt ended with one `UPDATE` of the columns the result changes, and its audit records,
    /// encoded before the write; in the transaction the next accepted events share.
    package func finishAttempt(deliveryID: Int64, eventID: EventID, claim: UUID?, result: DeliveryResult, audit: [AuditRecord]) async throws {
        let update = try AttemptUpdate(result, deliveryID: deliveryID, at: Date())
        let batch = try Self.auditBatch(audit, eventID: eventID, deliveryID: deliveryID)
        try await commits.submit { db in
            try db.cachedStatement(sql: update.sql).execute(arguments: update.arguments)
            guard db.changesCount > 0 else { return }
            try batch?.insert(db)
            // In the same transaction as the dead letter, so a stop in between cannot lose the fallback.
            if result.status == .failed || result.status == .dead, let row = try DeliveryRow.fetchOne(db, key: deliveryID),
                let fallback = row.draft.fallbackDraft()
            {
                var delivery = DeliveryRow(eventID: eventID, draft: fallback, at: Date())
                try delivery.insert(db)
            }
        }
    }

    /// Extends the lease of a running attempt; `claim` is not read, as for `saveProgress`.
    package func extendLease(deliveryID: Int64, claim: UUID?, until: Date) async throws -> Bool {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE delivery SET lease_until = ? WHERE id = ? AND status = 'pending'",
                arguments: [StoredDate.databaseValue(until), deliveryID])
            return db.changesCount > 0
        }
    }

    package func resumeWaitingDeliveries(to destination: String, now: Date) async throws -> Int {
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE delivery SET next_attempt_at = ?
                    WHERE destination = ? AND status = 'pending' AND last_failure_reason = ? AND next_attempt_at > ?
                    """,
                arguments: [StoredDate.databaseValue(now), destination, FailureReason.unauthorized.rawValue, StoredDate.databaseValue(now)]
            )
            return db.changesCount
        }
    }

    /// Releases the leases of attempts that were running when the last process stopped, so they are tried
    /// again at once. Only the serving process, which holds the process lock, may call this.
    @discardableResult
    package func releaseInterruptedAttempts() async throws -> Int {
        try await writer.write { db in
            try db.execute(sql: "UPDATE delivery SET lease_until = NULL WHERE status = 'pending' AND lease_until IS NOT NULL")
            return db.changesCount
        }
    }

    /// The row of one write's audit records, or `nil` when it has none.
    static func auditBatch(_ records: [AuditRecord], eventID: EventID, deliveryID: Int64?) throws -> EncodedRow? {
        records.isEmpty ? nil : try EncodedRow(AuditBatchRow(eventID: eventID, deliveryID: deliveryID, records: records))
    }

    static func insert(_ records: [AuditRecord], eventID: EventID, deliveryID: Int64?, in db: Database) throws {
        try auditBatch(records, eventID: eventID, deliveryID: deliveryID)?.insert(db)
    }
}
