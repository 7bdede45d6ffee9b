import GRDB
import TicketGateCore

/// The store's schema, one migration per change. Migrations only ever get added.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: events, outbox, audit") { db in
            try db.create(table: "event") { t in
                t.primaryKey("id", .text)
                t.column("source", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("format", .text).notNull()
                t.column("received_at", .datetime).notNull().indexed()
                t.column("provider_event_id", .text)
                t.column("client_ip", .text)
                t.column("content_type", .text)
                t.column("outcome", .text).notNull()
                t.column("event", .jsonText).notNull()
                t.column("decision", .jsonText).notNull()
                t.column("raw_body", .blob).notNull()
            }
            try db.execute(
                sql: "CREATE UNIQUE INDEX event_provider_event_id ON event(source, provider_event_id) WHERE provider_event_id IS NOT NULL"
            )
            try db.create(table: "delivery") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("event_id", .text).notNull().indexed().references("event", onDelete: .cascade)
                t.column("destination", .text).notNull()
                t.column("status", .text).notNull()
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("next_attempt_at", .datetime).notNull()
                t.column("lease_until", .datetime)
                t.column("draft", .jsonText).notNull()
                t.column("refs", .jsonText).notNull()
                t.column("last_failure_reason", .text)
                t.column("last_failure_detail", .text)
                t.column("created_at", .datetime).notNull()
                t.column("updated_at", .datetime).notNull()
            }
            try db.create(index: "delivery_due", on: "delivery", columns: ["status", "next_attempt_at"])
            try db.create(table: "audit") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("event_id", .text).notNull().indexed().references("event", onDelete: .cascade)
                t.column("delivery_id", .integer).indexed().references("delivery", onDelete: .cascade)
                t.column("at", .datetime).notNull()
                t.column("stage", .text).notNull()
                t.column("summary", .text).notNull()
                t.column("detail", .jsonText).notNull()
            }
        }
        migrator.registerMigration("v2: dedupe keys, attachments") { db in
            try db.alter(table: "event") { t in
                t.add(column: "dedupe_key", .text)
            }
            try db.execute(sql: "CREATE UNIQUE INDEX event_dedupe_key ON event(source, dedupe_key) WHERE dedupe_key IS NOT NULL")
            try db.execute(sql: "DROP INDEX event_provider_event_id")
            try db.create(table: "attachment") { t in
                t.column("event_id", .text).notNull().references("event", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("name", .text).notNull()
                t.column("content_type", .text).notNull()
                t.column("data", .blob).notNull()
                t.primaryKey(["event_id", "position"])
            }
        }
        migrator.registerMigration("v3: assignee rotations") { db in
            try db.create(table: "rotation") { t in
                t.primaryKey("key", .text)
                t.column("turns", .integer).notNull()
            }
        }
        migrator.registerMigration("v4: conversations") { db in
            try db.alter(table: "delivery") { t in
                t.add(column: "conversation_opener", .integer).references("delivery", onDelete: .setNull)
            }
            try db.create(table: "conversation") { t in
                t.column("destination", .text).notNull()
                t.column("key", .text).notNull()
                t.column("delivery_id", .integer).notNull().indexed().references("delivery", onDelete: .cascade)
                t.primaryKey(["destination", "key"])
            }
        }
        migrator.registerMigration("v5: audit records packed per write") { db in
            // One row per write instead of one per record (`AuditBatchRow`); the rowid is the key, without
            // AUTOINCREMENT's update of `sqlite_sequence` on every insert. A delivery is only ever deleted with
            // its event, whose cascade removes the audit too, so `delivery_id` needs neither a foreign key nor
            // the index SQLite would search on each deleted delivery: one b-tree fewer per row.
            try db.create(table: "audit_batch") { t in
                t.column("id", .integer).primaryKey()
                t.column("event_id", .text).notNull().indexed().references("event", onDelete: .cascade)
                t.column("delivery_id", .integer)
                t.column("records", .jsonText).notNull()
            }
            try db.execute(
                sql: """
                    INSERT INTO audit_batch(event_id, delivery_id, records)
                    SELECT event_id, delivery_id, json_array(json_object('stage', stage, 'at', at, 'summary', summary, 'detail', json(detail)))
                    FROM audit ORDER BY id
                    """
            )
            try db.drop(table: "audit")
        }
        migrator.registerMigration("v6: dates as milliseconds since 1970") { db in
            // The text GRDB wrote, `yyyy-MM-dd HH:mm:ss.SSS` in UTC, as whole milliseconds (`EpochMilliseconds`).
            func milliseconds(_ text: String) -> String {
                "CAST(strftime('%s', \(text)) AS INTEGER) * 1000 + CAST(substr(\(text), 21, 3) AS INTEGER)"
            }
            let columns = [
                ("event", "received_at"), ("delivery", "next_attempt_at"), ("delivery", "lease_until"), ("delivery", "created_at"),
                ("delivery", "updated_at"),
            ]
            for (table, column) in columns {
                try db.execute(sql: "UPDATE \(table) SET \(column) = \(milliseconds(column)) WHERE typeof(\(column)) = 'text'")
            }
            try db.execute(
                sql: """
                    UPDATE audit_batch SET records = (
                        SELECT json_group_array(json_set(value, '$.at', \(milliseconds("json_extract(value, '$.at')"))))
                        FROM json_each(audit_batch.records))
                    """
            )
        }
        migrator.registerMigration("v7: sender and subject columns, deliveries by destination and status") { db in
            // What the console lists and searches, as columns: reading them out of each event's JSON made a
            // search that matches few events take half a second over a million. The index answers the count
            // of deliveries by destination and status from the index alone.
            try db.alter(table: "event") { t in
                t.add(column: "sender_email", .text)
                t.add(column: "sender_name", .text)
                t.add(column: "subject", .text)
            }
            try db.execute(
                sql: """
                    UPDATE event SET sender_email = json_extract(event, '$.sender.email'), sender_name = json_extract(event, '$.sender.name'),
                        subject = json_extract(event, '$.subject')
                    """)
            try db.create(index: "delivery_destination_status", on: "delivery", columns: ["destination", "status"])
        }
        migrator.registerMigration("v8: folded search text, console sign-outs") { db in
            // The search compares folded text (`SearchText`), as PostgreSQL's store does; the sender and subject
            // columns hold U+0000 as U+FFFD (`ColumnText`), as PostgreSQL's can only.
            try db.alter(table: "event") { t in
                t.add(column: "search_text", .text).notNull().defaults(to: "")
            }
            let rows = try Row.fetchCursor(db, sql: "SELECT rowid, sender_email, sender_name, subject FROM event")
            let update = try db.makeStatement(
                sql: "UPDATE event SET search_text = ?, sender_email = ?, sender_name = ?, subject = ? WHERE rowid = ?")
            while let row = try rows.next() {
                let email: String? = row["sender_email"]
                let name: String? = row["sender_name"]
                let subject: String? = row["subject"]
                try update.execute(arguments: [
                    SearchText.column(senderEmail: email, senderName: name, subject: subject), ColumnText.of(email), ColumnText.of(name),
                    ColumnText.of(subject), row["rowid"] as Int64,
                ])
            }
            try db.create(table: "console_signout") { t in
                t.primaryKey("nonce", .text)
                t.column("expires_at", .integer).notNull()
            }
        }
        return migrator
    }
}
