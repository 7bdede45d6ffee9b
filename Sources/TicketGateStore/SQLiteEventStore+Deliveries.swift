import Foundation
import GRDB
import TicketGateCore

extension SQLiteEventStore {
    package func claimDueDeliveries(now: Date, limit: Int, leaseUntil: Date, destinations: DestinationFilter) async throws -> [DeliveryJob] {
        let dialect = SQLiteDialect()
        let claim = try BoundStatement(
            DeliveryClaim.statement(
                now: EpochMilliseconds.of(now), limit: limit, leaseUntil: EpochMilliseconds.of(leaseUntil), destinations: destinations, dialect))
        // The writer only runs the statements; the rows are decoded (JSON columns included) on this task.
        let claimed = try await commits.submit { db -> (rows: [SQLiteRow], openers: [SQLiteRow], files: [SQLiteRow]) in
            let rows = try db.rows(claim)
            guard !rows.isEmpty else { return (rows: rows, openers: [], files: []) }
            return (
                rows: rows, openers: try DeliveryClaim.openers(of: rows, dialect).map(db.rows) ?? [],
                files: try db.rows(DeliveryClaim.files(of: rows, dialect))
            )
        }
        return try DeliveryClaim.jobs(claimed.rows, openers: claimed.openers, files: claimed.files, instant: EpochMilliseconds.date) { _ in nil }
    }

    /// One process delivers from a SQLite store (it holds the process lock), so no other can have taken the
    /// delivery over: the dialect reads no claim.
    package func saveProgress(deliveryID: Int64, eventID: EventID, claim: UUID?, refs: VendorRefs, audit: [AuditRecord]) async throws {
        let progress = try AttemptProgress(
            deliveryID: deliveryID, eventID: eventID, claim: claim, refs: refs, audit: audit, now: EpochMilliseconds.of(Date()), SQLiteDialect())
        let update = try BoundStatement(progress.update)
        let insertAudit = try progress.insertAudit.map(BoundStatement.init)
        try await commits.submit { db in
            guard try db.answersRow(update) else { return }
            try insertAudit.map(db.execute)
        }
    }

    /// Records how an attempt ended (`AttemptOutcome`), encoded before the write; in the transaction the next
    /// accepted events share.
    package func finishAttempt(deliveryID: Int64, eventID: EventID, claim: UUID?, result: DeliveryResult, audit: [AuditRecord]) async throws {
        let outcome = try AttemptOutcome(
            deliveryID: deliveryID, eventID: eventID, claim: claim, result: result, audit: audit, at: Date(), time: EpochMilliseconds.of,
            SQLiteDialect())
        let update = try BoundStatement(outcome.update)
        let insertAudit = try outcome.insertAudit.map(BoundStatement.init)
        try await commits.submit { db in
            guard outcome.mayFallBack else {
                if try db.answersRow(update) { try insertAudit.map(db.execute) }
                return
            }
            guard let updated = try db.rows(update).first else { return }
            try insertAudit.map(db.execute)
            if let fallback = try outcome.fallback(updated) {
                try Self.insert(fallback, in: db)
            }
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
}
