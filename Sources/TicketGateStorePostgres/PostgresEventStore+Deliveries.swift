import Foundation
import PostgresNIO
import TicketGateCore

extension PostgresEventStore {
    /// Leases up to `limit` due deliveries (`DeliveryClaim`): rows another instance is claiming are skipped, and
    /// each claimed row gets a new claim id.
    package func claimDueDeliveries(now: Date, limit: Int, leaseUntil: Date, destinations: DestinationFilter) async throws -> [DeliveryJob] {
        let dialect = PostgresDialect()
        let claim = DeliveryClaim.statement(
            now: clock.database(now), limit: limit, leaseUntil: clock.database(leaseUntil), destinations: destinations, dialect)
        return try await connections.withConnection { connection in
            let rows = try await connection.rows(claim.query, logger: logger)
            guard !rows.isEmpty else { return [] }
            var openers: [PostgresRandomAccessRow] = []
            if let statement = try DeliveryClaim.openers(of: rows, dialect) {
                openers = try await connection.rows(statement.query, logger: logger)
            }
            let files = try await connection.rows(try DeliveryClaim.files(of: rows, dialect).query, logger: logger)
            return try DeliveryClaim.jobs(rows, openers: openers, files: files, instant: clock.instance) { row in
                try row["claim_id"].decode(UUID?.self)
            }
        }
    }

    /// Saves the ids an attempt learned so far with their audit records, when its claim still holds the row, in
    /// one statement shared with other attempts' writes (`attemptWrites`).
    package func saveProgress(deliveryID: Int64, eventID: EventID, claim: UUID?, refs: VendorRefs, audit: [AuditRecord]) async throws {
        let progress = try AttemptProgress(
            deliveryID: deliveryID, eventID: eventID, claim: claim, refs: refs, audit: audit, now: clock.database(Date()), PostgresDialect())
        try await attemptWrites.submit(progress.write)
    }

    /// Records how an attempt ended (`AttemptOutcome`), when its claim still holds the row: in one statement
    /// shared with other attempts' writes (`attemptWrites`), or in a transaction of its own when a fallback
    /// delivery may follow.
    package func finishAttempt(deliveryID: Int64, eventID: EventID, claim: UUID?, result: DeliveryResult, audit: [AuditRecord]) async throws {
        let outcome = try AttemptOutcome(
            deliveryID: deliveryID, eventID: eventID, claim: claim, result: result, audit: audit, at: Date(), time: clock.database,
            PostgresDialect())
        let logger = logger
        if let write = outcome.write {
            return try await attemptWrites.submit(write)
        }
        let fellBack = try await connections.transaction { connection in
            guard let updated = try await connection.rows(outcome.update.query, logger: logger).first else { return false }
            if let audit = outcome.insertAudit {
                try await connection.execute(audit.query, logger: logger)
            }
            guard let fallback = try outcome.fallback(updated) else { return false }
            try await Self.insert(fallback, on: connection, logger: logger)
            return true
        }
        if fellBack { deliveriesBecameDue() }
    }

    /// Releases nothing: the other instances' attempts may be running, and a stopped instance's leases run
    /// out by themselves, after which any instance claims the rows again.
    package func releaseInterruptedAttempts() async throws -> Int {
        0
    }
}
