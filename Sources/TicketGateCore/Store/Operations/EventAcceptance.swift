import Foundation

/// An accepted event as the statements that store it, encoded before any transaction begins: the event row
/// (or nothing, when it repeats an event already stored under its dedupe key), the bytes of its posted files,
/// its outbox row, and its audit records. A store runs them in one transaction, in this order:
/// `insertEvent`; when it answers no row, `findFirst` names the event it repeats and nothing else runs;
/// otherwise each of `insertAttachments`, the `delivery`, and `insertAudit`.
package struct EventAcceptance: Sendable {
    /// Inserts the event unless its source already stored one with its dedupe key; answers its `id` when it did.
    package let insertEvent: SQLStatement
    /// The first event stored under the dedupe key, answered as `id`.
    package let findFirst: SQLStatement
    package let insertAttachments: [SQLStatement]
    package let delivery: DeliveryInsertion?
    package let insertAudit: SQLStatement?
    /// Where the dialect writes in common table expressions and the delivery has no conversation to read or
    /// lock, all of the above as one statement, which answers `id` (NULL for a repeat) and `first` (the event
    /// it repeats, when the statement's snapshot already sees it): one round trip, committed by itself.
    package let combined: SQLStatement?

    /// `time` gives the milliseconds the store keeps for an instant of this instance's clock.
    package init(_ accepted: AcceptedEvent, time: (Date) -> Int64, _ dialect: any SQLDialect) throws {
        let event = accepted.event
        let json = CompactJSONEncoder()
        let eventJSON = try json.string(event)
        let decisionJSON = try json.string(accepted.decision)
        let search = SearchText.column(senderEmail: event.sender.email, senderName: event.sender.name, subject: event.subject)
        let eventValues: [SQLValue] = [
            .text(event.id.rawValue), .text(event.source), .text(event.kind.rawValue), .text(event.format),
            .integer(EpochMilliseconds.of(event.receivedAt)), .text(event.providerEventID), .text(accepted.dedupeKey), .text(event.clientIP),
            .text(accepted.contentType), .text(accepted.decision.outcome.name), .text(eventJSON), .text(decisionJSON), .bytes(accepted.rawBody),
            .text(ColumnText.of(event.sender.email)), .text(ColumnText.of(event.sender.name)), .text(ColumnText.of(event.subject)),
            .text(search),
        ]
        func writeInsertEvent(_ sql: inout SQLWriter) {
            sql.append(
                """
                INSERT INTO event (id, source, kind, format, received_at, provider_event_id, dedupe_key, client_ip, content_type, outcome,
                    event, decision, raw_body, sender_email, sender_name, subject, search_text)
                VALUES (\(eventValues.map { sql.bind($0) }.joined(separator: ", ")))
                ON CONFLICT (source, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
                RETURNING id
                """)
        }
        insertEvent = SQLStatement(dialect) { sql in writeInsertEvent(&sql) }
        func writeFindFirst(_ sql: inout SQLWriter) {
            sql.append(
                "SELECT id FROM event WHERE source = \(sql.bind(.text(event.source))) AND dedupe_key = \(sql.bind(.text(accepted.dedupeKey)))")
        }
        findFirst = SQLStatement(dialect) { sql in writeFindFirst(&sql) }
        insertAttachments = event.attachments.enumerated().compactMap { position, attachment in
            attachment.data.map { data in
                SQLStatement(dialect) { sql in
                    sql.append(
                        """
                        INSERT INTO attachment (event_id, position, name, content_type, data)
                        VALUES (\(sql.bind(.text(event.id.rawValue))), \(sql.bind(.integer(Int64(position)))), \(sql.bind(.text(attachment.name))),
                            \(sql.bind(.text(attachment.contentType))), \(sql.bind(.bytes(Data(data)))))
                        """)
                }
            }
        }
        delivery = try accepted.decision.draft.map { draft in
            try DeliveryInsertion(
                eventID: event.id, draft: draft, keys: ConversationKeys(event: event), due: time(event.receivedAt), dialect)
        }
        let auditJSON = accepted.audit.isEmpty ? nil : try StoredAuditRecord.json(accepted.audit)
        insertAudit = auditJSON.map { AuditInsertion.statement(json: $0, eventID: event.id, deliveryID: nil, dialect) }
        guard dialect.writesInCommonTableExpressions, let notify = dialect.notifyDueInStatement, delivery?.isInConversation != true else {
            combined = nil
            return
        }
        let files = event.attachments.enumerated().compactMap { position, attachment in
            attachment.data.map { (position: Int64(position), name: attachment.name, contentType: attachment.contentType, data: Data($0)) }
        }
        combined = SQLStatement(dialect) { [delivery] sql in
            sql.append("WITH stored AS (")
            writeInsertEvent(&sql)
            sql.append(")")
            for (index, file) in files.enumerated() {
                sql.append(
                    """
                    , file\(index) AS (INSERT INTO attachment (event_id, position, name, content_type, data)
                        SELECT id, \(sql.bind(.integer(file.position))), \(sql.bind(.text(file.name))), \(sql.bind(.text(file.contentType))),
                            \(sql.bind(.bytes(file.data))) FROM stored)
                    """)
            }
            if let row = delivery?.values {
                let due = sql.bind(row.due)
                sql.append(
                    """
                    , delivery AS (INSERT INTO delivery (event_id, destination, status, attempts, next_attempt_at, draft, refs, created_at,
                            updated_at)
                        SELECT id, \(sql.bind(row.destination)), 'pending', 0, \(due), \(sql.bind(row.draft)), \(sql.bind(row.refs)), \(due), \(due)
                        FROM stored RETURNING id)
                    , notified AS (SELECT \(notify) FROM delivery)
                    """)
            }
            if let auditJSON {
                sql.append(
                    ", audit AS (INSERT INTO audit_batch (event_id, delivery_id, records) SELECT id, NULL, \(sql.bind(.text(auditJSON))) FROM stored)"
                )
            }
            sql.append(" SELECT (SELECT id FROM stored) AS id, (")
            writeFindFirst(&sql)
            sql.append(") AS first")
            if delivery != nil {
                sql.append(", (SELECT count(*) FROM notified) AS notified")
            }
        }
    }
}

/// The row of `audit_batch` that holds one write's audit records, in order.
package enum AuditInsertion {
    /// The insert, or `nil` when there are no records.
    package static func statement(_ records: [AuditRecord], eventID: EventID, deliveryID: Int64?, _ dialect: any SQLDialect) throws
        -> SQLStatement?
    {
        guard !records.isEmpty else { return nil }
        return statement(json: try StoredAuditRecord.json(records), eventID: eventID, deliveryID: deliveryID, dialect)
    }

    /// The insert of records already written as `StoredAuditRecord.json` writes them.
    package static func statement(json: String, eventID: EventID, deliveryID: Int64?, _ dialect: any SQLDialect) -> SQLStatement {
        SQLStatement(dialect) { sql in
            sql.append(
                """
                INSERT INTO audit_batch (event_id, delivery_id, records)
                VALUES (\(sql.bind(.text(eventID.rawValue))), \(sql.bind(.integer(deliveryID))), \(sql.bind(.text(json))))
                """)
        }
    }
}
