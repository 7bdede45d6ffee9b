import Foundation

/// How an attempt ended, as the statements that record it in one transaction: the columns `AttemptChanges`
/// lists (only while the attempt's claim still holds the row, where the dialect has claims), its audit records,
/// and, for a delivery refused for good or out of attempts, the fallback delivery its draft names, so a stop in
/// between cannot lose it.
package struct AttemptOutcome: Sendable {
    /// Updates the row; answers a row when the claim held, with its `draft` when the delivery failed for good.
    package let update: SQLStatement
    package let insertAudit: SQLStatement?
    /// The update and the audit records as one `AttemptWrite`, which the writes of other attempts may share a
    /// statement with; `nil` when a fallback may follow (`update` answers the draft it needs).
    package let write: AttemptWrite?
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
        let auditJSON = audit.isEmpty ? nil : try StoredAuditRecord.json(audit)
        let write = AttemptWrite(deliveryID: deliveryID, claim: claim, eventID: eventID, assignments: changes.assignments, auditJSON: auditJSON)
        update = SQLStatement(dialect) { sql in
            write.writeUpdate(&sql)
            sql.append(mayFallBack ? " RETURNING draft" : " RETURNING id")
        }
        insertAudit = auditJSON.map { AuditInsertion.statement(json: $0, eventID: eventID, deliveryID: deliveryID, dialect) }
        self.write = mayFallBack ? nil : write
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
    /// The update and the audit records as one `AttemptWrite`, which the writes of other attempts may share a
    /// statement with.
    package let write: AttemptWrite

    package init(deliveryID: Int64, eventID: EventID, claim: UUID?, refs: VendorRefs, audit: [AuditRecord], now: Int64, _ dialect: any SQLDialect)
        throws
    {
        let auditJSON = audit.isEmpty ? nil : try StoredAuditRecord.json(audit)
        write = AttemptWrite(
            deliveryID: deliveryID, claim: claim, eventID: eventID,
            assignments: [("refs", .text(try CompactJSONEncoder().string(refs))), ("updated_at", .milliseconds(now))], auditJSON: auditJSON)
        update = SQLStatement(dialect) { [write] sql in
            write.writeUpdate(&sql)
            sql.append(" RETURNING id")
        }
        insertAudit = auditJSON.map { AuditInsertion.statement(json: $0, eventID: eventID, deliveryID: deliveryID, dialect) }
    }
}
