import Foundation
import PostgresNIO
import TicketGateCore

extension PostgresEventStore {
    /// Leases up to `limit` due deliveries in one statement: rows another instance is claiming are skipped
    /// (`FOR UPDATE SKIP LOCKED`), each claimed row gets a new claim id, and its attempt is counted. A delivery
    /// that continues a conversation waits while the delivery that opened it is pending.
    package func claimDueDeliveries(now: Date, limit: Int, leaseUntil: Date, destinations: DestinationFilter) async throws -> [DeliveryJob] {
        var bindings = PostgresBindings()
        let at = clock.database(now)
        bindings.append(at)
        var filter = ""
        switch destinations {
        case .all:
            break
        case .except(let names) where !names.isEmpty:
            bindings.append(names.sorted())
            filter = "AND NOT (d.destination = ANY($\(bindings.count)))"
        case .except:
            break
        case .only(let name):
            bindings.append(name)
            filter = "AND d.destination = $\(bindings.count)"
        }
        bindings.append(Int64(max(0, limit)))
        let limitIndex = bindings.count
        bindings.append(clock.database(leaseUntil))
        let leaseIndex = bindings.count
        let sql = """
            WITH due AS (
                SELECT d.id FROM delivery d
                WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND (d.lease_until IS NULL OR d.lease_until <= $1)
                \(filter)
                AND NOT EXISTS (SELECT 1 FROM delivery o WHERE o.id = d.conversation_opener AND o.status = 'pending')
                ORDER BY d.next_attempt_at
                LIMIT $\(limitIndex)
                FOR UPDATE OF d SKIP LOCKED
                )
            UPDATE delivery SET lease_until = $\(leaseIndex), attempts = attempts + 1, updated_at = $1, claim_id = gen_random_uuid()
            FROM due WHERE delivery.id = due.id
            RETURNING delivery.*
            """
        let logger = logger
        // The claim is one statement; what it needs besides (the openers of conversations, the events' files)
        // is read after it in one query each, not per delivery.
        return try await connections.withConnection { connection in
            let rows = try await connection.rows(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
            guard !rows.isEmpty else { return [] }
            let claimed = try rows.map { row in
                (delivery: try StoredDelivery(postgres: row, clock: clock), claim: try row["claim_id"].decode(UUID.self))
            }
            let openerIDs = try rows.compactMap { try $0["conversation_opener"].decode(Int64?.self) }
            var openers: [Int64: StoredDelivery] = [:]
            if !openerIDs.isEmpty {
                for row in try await connection.rows("SELECT * FROM delivery WHERE id = ANY(\(openerIDs))", logger: logger) {
                    let opener = try StoredDelivery(postgres: row, clock: clock)
                    openers[opener.id] = opener
                }
            }
            let eventIDs = Array(Set(claimed.map(\.delivery.eventID)))
            var files: [String: [Attachment]] = [:]
            for row in try await connection.rows(
                "SELECT event_id, name, content_type, data FROM attachment WHERE event_id = ANY(\(eventIDs)) ORDER BY event_id, position",
                logger: logger)
            {
                files[try row.text("event_id"), default: []].append(
                    Attachment(
                        name: try row.text("name"), contentType: try row.text("content_type"), data: [UInt8](try row["data"].decode(Data.self))))
            }
            return try zip(claimed, rows).sorted { $0.0.delivery.nextAttemptAt < $1.0.delivery.nextAttemptAt }.map { claim, row in
                let opener = try row["conversation_opener"].decode(Int64?.self).flatMap { openers[$0] }
                return claim.delivery.job(opener: opener, files: files[claim.delivery.eventID] ?? [], claim: claim.claim)
            }
        }
    }

    /// Saves the ids an attempt learned so far, when its claim still holds the row.
    package func saveProgress(deliveryID: Int64, eventID: EventID, claim: UUID?, refs: VendorRefs, audit: [AuditRecord]) async throws {
        let refsJSON = try CompactJSONEncoder().string(refs)
        let auditJSON = audit.isEmpty ? nil : try StoredAuditRecord.json(audit)
        let now = clock.database(Date())
        let logger = logger
        try await connections.transaction { connection in
            let updated = try await connection.rows(
                """
                UPDATE delivery SET refs = \(refsJSON), updated_at = \(now)
                WHERE id = \(deliveryID) AND claim_id IS NOT DISTINCT FROM \(claim) RETURNING id
                """, logger: logger)
            guard !updated.isEmpty, let auditJSON else { return }
            try await Self.insertAudit(auditJSON, eventID: eventID, deliveryID: deliveryID, on: connection, logger: logger)
        }
    }

    /// Records how an attempt ended, when its claim still holds the row: the columns `AttemptChanges` lists,
    /// the audit records, and a dead letter's fallback delivery, in one transaction.
    package func finishAttempt(deliveryID: Int64, eventID: EventID, claim: UUID?, result: DeliveryResult, audit: [AuditRecord]) async throws {
        var bindings = PostgresBindings()
        var assignments: [String] = []
        for (column, value) in try AttemptChanges(result, at: Date(), time: clock.database).assignments {
            switch value {
            case .text(let text):
                bindings.append(text)
                assignments.append("\(column) = $\(bindings.count)")
            case .milliseconds(let milliseconds):
                bindings.append(milliseconds)
                assignments.append("\(column) = $\(bindings.count)")
            case .null:
                assignments.append("\(column) = NULL")
            case .oneAttemptBack:
                assignments.append("\(column) = GREATEST(0, \(column) - 1)")
            }
        }
        bindings.append(deliveryID)
        let idIndex = bindings.count
        bindings.append(claim)
        let sql = """
            UPDATE delivery SET \(assignments.joined(separator: ", "))
            WHERE id = $\(idIndex) AND claim_id IS NOT DISTINCT FROM $\(bindings.count)::uuid
            RETURNING draft
            """
        let auditJSON = audit.isEmpty ? nil : try StoredAuditRecord.json(audit)
        let logger = logger
        try await connections.transaction { connection in
            guard let updated = try await connection.rows(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger).first else { return }
            if let auditJSON {
                try await Self.insertAudit(auditJSON, eventID: eventID, deliveryID: deliveryID, on: connection, logger: logger)
            }
            // In the same transaction as the dead letter, so a stop in between cannot lose the fallback.
            guard result.status == .failed || result.status == .dead,
                let fallback = try StoredJSON.decode(TicketDraft.self, from: try updated.text("draft")).fallbackDraft()
            else { return }
            let now = clock.database(Date())
            try await connection.execute(
                """
                INSERT INTO delivery (event_id, destination, status, attempts, next_attempt_at, draft, refs, created_at, updated_at)
                VALUES (\(eventID.rawValue), \(fallback.destination), \(DeliveryStatus.pending.rawValue), 0, \(now),
                    \(try CompactJSONEncoder().string(fallback)), \(try CompactJSONEncoder().string(VendorRefs())), \(now), \(now))
                """, logger: logger)
            try await connection.execute(PostgresQuery(unsafeSQL: "NOTIFY \(Self.outboxChannel)"), logger: logger)
        }
    }

    /// Extends the lease of a running attempt while its claim still holds the row.
    package func extendLease(deliveryID: Int64, claim: UUID?, until: Date) async throws -> Bool {
        let until = clock.database(until)
        return try await connections.withConnection { connection in
            try await !connection.rows(
                """
                UPDATE delivery SET lease_until = \(until)
                WHERE id = \(deliveryID) AND status = 'pending' AND claim_id IS NOT DISTINCT FROM \(claim) RETURNING id
                """, logger: logger
            ).isEmpty
        }
    }

    package func resumeWaitingDeliveries(to destination: String, now: Date) async throws -> Int {
        let at = clock.database(now)
        let logger = logger
        return try await connections.transaction { connection in
            let resumed = try await connection.rows(
                """
                UPDATE delivery SET next_attempt_at = \(at)
                WHERE destination = \(destination) AND status = 'pending' AND last_failure_reason = \(FailureReason.unauthorized.rawValue)
                    AND next_attempt_at > \(at)
                RETURNING id
                """, logger: logger
            ).count
            if resumed > 0 {
                try await connection.execute(PostgresQuery(unsafeSQL: "NOTIFY \(Self.outboxChannel)"), logger: logger)
            }
            return resumed
        }
    }

    /// Releases nothing: the other instances' attempts may be running, and a stopped instance's leases run
    /// out by themselves, after which any instance claims the rows again.
    package func releaseInterruptedAttempts() async throws -> Int {
        0
    }
}
