import Foundation

/// How an attempt ended, as the statements that record it in one transaction: the columns `AttemptChanges`
/// lists (only while the attempt's claim still holds the row, where the dialect has claims), its audit records,
/// and, for a delivery refused for good or out of attempts, the fallback delivery its draft names, so a stop in
/// between cannot lose it.
package struct AttemptOutcome: Sendable {
    /// Updates the row; answers a row when the claim held, with its `draft` when the delivery failed for good.
    package let update: SQLStatement
    package let insertAudit: SQLStatement?
    /// Where the dialect writes in common table expressions and no fallback can follow, `update` and
    /// `insertAudit` as one statement, committed by itself: the audit row is written only when the claim held.
    package let combined: SQLStatement?
    private let result: DeliveryResult
    private let eventID: EventID
    private let now: Int64
    private let dialect: any SQLDialect

    package init(
        deliveryID: Int64, eventID: EventID, claim: UUID?, result: DeliveryResult, audit: [AuditRecord], at date: Date, time: (Date) -> Int64,
        _ dialect: any SQLDialect
    ) throws {
        let changes = try AttemptChanges(result, at: date, time: time)
        let mayFallBack = result.status == .failed || result.status == .dead
        func writeUpdate(_ sql: inout SQLWriter) {
            let assignments = changes.assignments.map { column, value -> String in
                switch value {
                case .text(let text): "\(column) = \(sql.bind(.text(text)))"
                case .milliseconds(let milliseconds): "\(column) = \(sql.bind(.integer(milliseconds)))"
                case .null: "\(column) = NULL"
                case .oneAttemptBack: "\(column) = \(sql.dialect.greater("0", "\(column) - 1"))"
                }
            }
            sql.append("UPDATE delivery SET \(assignments.joined(separator: ", ")) WHERE id = \(sql.bind(.integer(deliveryID)))")
            if let holds = sql.dialect.claimHolds(claim, &sql) { sql.append(" AND \(holds)") }
            sql.append(mayFallBack ? " RETURNING draft" : " RETURNING id")
        }
        update = SQLStatement(dialect) { sql in writeUpdate(&sql) }
        let auditJSON = audit.isEmpty ? nil : try StoredAuditRecord.json(audit)
        insertAudit = auditJSON.map { AuditInsertion.statement(json: $0, eventID: eventID, deliveryID: deliveryID, dialect) }
        combined = mayFallBack ? nil : AuditInsertion.combined(writeUpdate, json: auditJSON, eventID: eventID, dialect)
        self.result = result
        self.eventID = eventID
        now = time(date)
        self.dialect = dialect
    }

    /// Whether the outcome may add a fallback delivery, which needs the row `update` answered.
    package var mayFallBack: Bool { result.status == .failed || result.status == .dead }

    /// The fallback delivery to insert, given the row `update` answered, or `nil` when there is none.
    package func fallback(_ updated: some SQLRow) throws -> DeliveryInsertion? {
        guard mayFallBack,
            let fallback = try StoredJSON.decode(TicketDraft.self, from: try updated.text("draft")).fallbackDraft()
        else { return nil }
        return try DeliveryInsertion(eventID: eventID, draft: fallback, keys: ConversationKeys(), due: now, dialect)
    }
}

/// The ids an attempt learned so far, saved with their audit records while the attempt's claim holds the row.
package struct AttemptProgress: Sendable {
    /// Updates the row; answers its `id` when the claim held.
    package let update: SQLStatement
    package let insertAudit: SQLStatement?
    /// Where the dialect writes in common table expressions, `update` and `insertAudit` as one statement,
    /// committed by itself: the audit row is written only when the claim held.
    package let combined: SQLStatement?

    package init(deliveryID: Int64, eventID: EventID, claim: UUID?, refs: VendorRefs, audit: [AuditRecord], now: Int64, _ dialect: any SQLDialect)
        throws
    {
        let refsJSON = try CompactJSONEncoder().string(refs)
        func writeUpdate(_ sql: inout SQLWriter) {
            sql.append(
                "UPDATE delivery SET refs = \(sql.bind(.text(refsJSON))), updated_at = \(sql.bind(.integer(now))) WHERE id = \(sql.bind(.integer(deliveryID)))"
            )
            if let holds = sql.dialect.claimHolds(claim, &sql) { sql.append(" AND \(holds)") }
            sql.append(" RETURNING id")
        }
        update = SQLStatement(dialect) { sql in writeUpdate(&sql) }
        let auditJSON = audit.isEmpty ? nil : try StoredAuditRecord.json(audit)
        insertAudit = auditJSON.map { AuditInsertion.statement(json: $0, eventID: eventID, deliveryID: deliveryID, dialect) }
        combined = AuditInsertion.combined(writeUpdate, json: auditJSON, eventID: eventID, dialect)
    }
}
