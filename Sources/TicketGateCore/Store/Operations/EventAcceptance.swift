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

    /// `time` gives the milliseconds the store keeps for an instant of this instance's clock.
    package init(_ accepted: AcceptedEvent, time: (Date) -> Int64, _ dialect: any SQLDialect) throws {
        let event = accepted.event
        let json = CompactJSONEncoder()
        let eventJSON = try json.string(event)
        let decisionJSON = try json.string(accepted.decision)
        let search = SearchText.column(senderEmail: event.sender.email, senderName: event.sender.name, subject: event.subject)
        insertEvent = SQLStatement(dialect) { sql in
            let values: [SQLValue] = [
                .text(event.id.rawValue), .text(event.source), .text(event.kind.rawValue), .text(event.format),
                .integer(EpochMilliseconds.of(event.receivedAt)), .text(event.providerEventID), .text(accepted.dedupeKey), .text(event.clientIP),
                .text(accepted.contentType), .text(accepted.decision.outcome.name), .text(eventJSON), .text(decisionJSON), .bytes(accepted.rawBody),
                .text(ColumnText.of(event.sender.email)), .text(ColumnText.of(event.sender.name)), .text(ColumnText.of(event.subject)),
                .text(search),
            ]
            sql.append(
                """
                INSERT INTO event (id, source, kind, format, received_at, provider_event_id, dedupe_key, client_ip, content_type, outcome,
                    event, decision, raw_body, sender_email, sender_name, subject, search_text)
                VALUES (\(values.map { sql.bind($0) }.joined(separator: ", ")))
                ON CONFLICT (source, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
                RETURNING id
                """)
        }
        findFirst = SQLStatement(dialect) { sql in
            sql.append(
                "SELECT id FROM event WHERE source = \(sql.bind(.text(event.source))) AND dedupe_key = \(sql.bind(.text(accepted.dedupeKey)))")
        }
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
        insertAudit = try AuditInsertion.statement(accepted.audit, eventID: event.id, deliveryID: nil, dialect)
    }
}

/// The row of `audit_batch` that holds one write's audit records, in order.
package enum AuditInsertion {
    /// The insert, or `nil` when there are no records.
    package static func statement(_ records: [AuditRecord], eventID: EventID, deliveryID: Int64?, _ dialect: any SQLDialect) throws
        -> SQLStatement?
    {
        guard !records.isEmpty else { return nil }
        let json = try StoredAuditRecord.json(records)
        return SQLStatement(dialect) { sql in
            sql.append(
                """
                INSERT INTO audit_batch (event_id, delivery_id, records)
                VALUES (\(sql.bind(.text(eventID.rawValue))), \(sql.bind(.integer(deliveryID))), \(sql.bind(.text(json))))
                """)
        }
    }
}
