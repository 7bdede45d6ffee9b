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
    /// The event's id.
    package let eventID: EventID
    /// The event's source and dedupe key, which a repeat shares with the event it repeats.
    private let repeatKey: (source: String, dedupeKey: String?)
    /// Where the dialect writes in common table expressions, the event has no posted files and its delivery
    /// no conversation to read or lock: its rows as `batch` writes them with other events'.
    private let batchRow: BatchRow?

    /// The values of an event's rows in a batch.
    private struct BatchRow: Sendable {
        let event: [SQLValue]
        /// `event_id`, `destination`, `next_attempt_at`, `draft`, `refs`.
        let delivery: [SQLValue]?
        let auditJSON: String?
    }

    /// The columns of `event` that `insertEvent` and `batch` write, in the order of their values.
    private static let eventColumns = """
        id, source, kind, format, received_at, provider_event_id, dedupe_key, client_ip, content_type, outcome, event, decision, raw_body,         sender_email, sender_name, subject, search_text
        """

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
                INSERT INTO event (\(Self.eventColumns))
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
        eventID = event.id
        repeatKey = (event.source, accepted.dedupeKey)
        guard dialect.writesInCommonTableExpressions, insertAttachments.isEmpty, delivery?.isInConversation != true
        else {
            batchRow = nil
            return
        }
        batchRow = BatchRow(
            event: eventValues,
            delivery: delivery.map { [$0.values.eventID, $0.values.destination, $0.values.due, $0.values.draft, $0.values.refs] },
            auditJSON: auditJSON)
    }

    /// Several events accepted at once (each `isBatchable`) as one statement, committed by itself, which answers
    /// the `id` of each event it stored; an event it did not store repeats one stored before (`findFirst` names
    /// it). `nil` when one of them cannot share a statement, or the dialect does not write in common table
    /// expressions.
    package static func batch(_ acceptances: [EventAcceptance], _ dialect: any SQLDialect) -> SQLStatement? {
        let rows = acceptances.compactMap(\.batchRow)
        guard !rows.isEmpty, rows.count == acceptances.count, dialect.writesInCommonTableExpressions else { return nil }
        return SQLStatement(dialect) { sql in
            func values(_ rows: [[SQLValue]]) -> String {
                rows.map { row in "(\(row.map { sql.bind($0) }.joined(separator: ", ")))" }.joined(separator: ", ")
            }
            sql.append("WITH stored AS (INSERT INTO event (\(eventColumns)) VALUES ")
            sql.append(values(rows.map(\.event)))
            sql.append(" ON CONFLICT (source, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING RETURNING id)")
            let deliveries = rows.compactMap(\.delivery)
            if !deliveries.isEmpty {
                sql.append(
                    """
                    , delivery AS (INSERT INTO delivery (event_id, destination, status, attempts, next_attempt_at, draft, refs, created_at,
                            updated_at)
                        SELECT v.event_id, v.destination, 'pending', 0, v.due, v.draft, v.refs, v.due, v.due
                        FROM (VALUES \(values(deliveries))) AS v(event_id, destination, due, draft, refs) JOIN stored ON stored.id = v.event_id
                        RETURNING id)
                    """)
            }
            let audits = rows.compactMap { row in row.auditJSON.map { [row.event[0], SQLValue.text($0)] } }
            if !audits.isEmpty {
                sql.append(
                    """
                    , audit AS (INSERT INTO audit_batch (event_id, delivery_id, records)
                        SELECT v.event_id, NULL, v.records FROM (VALUES \(values(audits))) AS v(event_id, records) JOIN stored ON stored.id = v.event_id)
                    """)
            }
            sql.append(" SELECT id FROM stored")
        }
    }

    /// The events that `repeats` repeat, as one statement that answers `id`, `source` and `dedupe_key` of each,
    /// where the dialect reads lists as a table (else `nil`): the first event stored under each one's source and
    /// dedupe key (`firstStored(in:)` pairs them).
    package static func findFirsts(_ repeats: [EventAcceptance], _ dialect: any SQLDialect) -> SQLStatement? {
        var sources: [String] = []
        var dedupeKeys: [String] = []
        for acceptance in repeats {
            guard let dedupeKey = acceptance.repeatKey.dedupeKey else { continue }
            sources.append(acceptance.repeatKey.source)
            dedupeKeys.append(dedupeKey)
        }
        guard !sources.isEmpty, dialect.table(of: [], as: "k") != nil else { return nil }
        return SQLStatement(dialect) { sql in
            let columns = [
                SQLListColumn(name: "source", placeholder: sql.bind(.texts(sources)), integers: false),
                SQLListColumn(name: "dedupe_key", placeholder: sql.bind(.texts(dedupeKeys)), integers: false),
            ]
            let table = sql.dialect.table(of: columns, as: "k") ?? ""
            sql.append(
                """
                SELECT e.id, e.source, e.dedupe_key FROM event e JOIN \(table) ON e.source = k.source AND e.dedupe_key = k.dedupe_key
                """)
        }
    }

    /// The event this one repeats among the `rows` `findFirsts` answered, if it is there.
    package func firstStored(in rows: [some SQLRow]) throws -> EventID? {
        for row in rows where try row.text("source") == repeatKey.source && row.optionalText("dedupe_key") == repeatKey.dedupeKey {
            return EventID(rawValue: try row.text("id"))
        }
        return nil
    }

    /// Whether the event may share a statement with others (`batch`).
    package var isBatchable: Bool { batchRow != nil }

    /// About how many bytes the event's values take in `batch`'s statement.
    package var byteCount: Int {
        guard let row = batchRow else { return 0 }
        return (row.event + (row.delivery ?? [])).reduce(row.auditJSON?.utf8.count ?? 0) { $0 + $1.byteCount }
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
