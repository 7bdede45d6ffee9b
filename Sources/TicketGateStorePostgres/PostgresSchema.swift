import Logging
import PostgresNIO
import TicketGateCore

/// The PostgreSQL store's schema, one migration per change. Migrations only ever get added; each is applied
/// once, in order, by `PostgresMigrator`.
///
/// The tables hold what SQLite's do (`TicketGateStore/Schema.swift`): dates are `bigint` milliseconds since
/// 1970, the event, decision, draft, refs and audit records are the JSON text `CompactJSONEncoder` writes
/// (`text`, not `jsonb`, so the stored bytes are the ones written), raw bodies and files are `bytea`.
enum PostgresSchema {
    struct Migration: Sendable {
        let identifier: String
        let statements: [String]
        /// Work SQL alone cannot do, run after the statements in the same transaction.
        var backfill: (@Sendable (PostgresConnection, Logger) async throws -> Void)? = nil
    }

    static let migrations: [Migration] = [
        Migration(
            identifier: "v1: events, outbox, audit, conversations, rotations",
            statements: [
                """
                CREATE TABLE event (
                    id text PRIMARY KEY,
                    source text NOT NULL,
                    kind text NOT NULL,
                    format text NOT NULL,
                    received_at bigint NOT NULL,
                    provider_event_id text,
                    dedupe_key text,
                    client_ip text,
                    content_type text,
                    outcome text NOT NULL,
                    event text NOT NULL,
                    decision text NOT NULL,
                    raw_body bytea NOT NULL
                )
                """,
                "CREATE INDEX event_received_at ON event (received_at)",
                "CREATE UNIQUE INDEX event_dedupe_key ON event (source, dedupe_key) WHERE dedupe_key IS NOT NULL",
                """
                CREATE TABLE attachment (
                    event_id text NOT NULL REFERENCES event ON DELETE CASCADE,
                    position integer NOT NULL,
                    name text NOT NULL,
                    content_type text NOT NULL,
                    data bytea NOT NULL,
                    PRIMARY KEY (event_id, position)
                )
                """,
                """
                CREATE TABLE delivery (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    event_id text NOT NULL REFERENCES event ON DELETE CASCADE,
                    destination text NOT NULL,
                    status text NOT NULL,
                    attempts integer NOT NULL DEFAULT 0,
                    next_attempt_at bigint NOT NULL,
                    lease_until bigint,
                    claim_id uuid,
                    draft text NOT NULL,
                    refs text NOT NULL,
                    last_failure_reason text,
                    last_failure_detail text,
                    created_at bigint NOT NULL,
                    updated_at bigint NOT NULL,
                    conversation_opener bigint REFERENCES delivery ON DELETE SET NULL
                )
                """,
                "CREATE INDEX delivery_event_id ON delivery (event_id)",
                "CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status = 'pending'",
                "CREATE INDEX delivery_destination_status ON delivery (destination, status)",
                "CREATE INDEX delivery_conversation_opener ON delivery (conversation_opener) WHERE conversation_opener IS NOT NULL",
                """
                CREATE TABLE conversation (
                    destination text NOT NULL,
                    key text NOT NULL,
                    delivery_id bigint NOT NULL REFERENCES delivery ON DELETE CASCADE,
                    PRIMARY KEY (destination, key)
                )
                """,
                "CREATE INDEX conversation_delivery_id ON conversation (delivery_id)",
                """
                CREATE TABLE audit_batch (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    event_id text NOT NULL REFERENCES event ON DELETE CASCADE,
                    delivery_id bigint,
                    records text NOT NULL
                )
                """,
                "CREATE INDEX audit_batch_event_id ON audit_batch (event_id)",
                "CREATE TABLE rotation (key text PRIMARY KEY, turns bigint NOT NULL)",
                "CREATE TABLE destination_schedule (destination text PRIMARY KEY, next_slot bigint NOT NULL)",
                """
                CREATE TABLE destination_pause (
                    destination text PRIMARY KEY,
                    reason text NOT NULL,
                    since bigint NOT NULL,
                    probe_at bigint
                )
                """,
                """
                CREATE TABLE instance (
                    id uuid PRIMARY KEY,
                    name text NOT NULL,
                    started_at bigint NOT NULL,
                    heartbeat_at bigint NOT NULL,
                    running_attempts bigint NOT NULL
                )
                """,
            ]),
        Migration(
            identifier: "v2: sender and subject columns",
            statements: [
                // What the console lists and searches, as columns: parsing each event's JSON made a search that
                // matches few events take seconds over a million. `jsonb` refuses `\u0000`, which a text column
                // cannot hold either: it is read as U+FFFD (`ColumnText`).
                "ALTER TABLE event ADD COLUMN sender_email text, ADD COLUMN sender_name text, ADD COLUMN subject text",
                """
                UPDATE event SET sender_email = document -> 'sender' ->> 'email', sender_name = document -> 'sender' ->> 'name',
                    subject = document ->> 'subject'
                FROM (SELECT id AS document_id, replace(event, '\\u0000', '\\ufffd')::jsonb AS document FROM event) AS documents
                WHERE event.id = documents.document_id
                """,
            ]),
        Migration(
            identifier: "v3: folded search text, console sign-outs",
            statements: [
                // The search compares folded text (`SearchText`), as SQLite's store does, whatever the database's locale.
                "ALTER TABLE event ADD COLUMN search_text text NOT NULL DEFAULT ''",
                "CREATE TABLE console_signout (nonce text PRIMARY KEY, expires_at bigint NOT NULL)",
            ],
            backfill: { connection, logger in
                let rows = try await connection.rows("SELECT id, sender_email, sender_name, subject FROM event", logger: logger)
                for row in rows {
                    let search = SearchText.column(
                        senderEmail: try row.optionalText("sender_email"), senderName: try row.optionalText("sender_name"),
                        subject: try row.optionalText("subject"))
                    try await connection.execute("UPDATE event SET search_text = \(search) WHERE id = \(try row.text("id"))", logger: logger)
                }
            }),
        Migration(
            identifier: "v4: lz4 compression of documents and bodies",
            statements: [
                // An event row, its audit records and its drafts pass the size past which PostgreSQL compresses
                // a value; lz4 compresses them in a fraction of pglz's time (ingest +4 to +12 % here, BENCHMARKS.md).
                // A server before 14, or built without lz4, keeps pglz: the statements are run by `EXECUTE`, so
                // a server that does not know the syntax meets it only there, and the block's handler catches
                // that error as it does a missing lz4. Rows already stored keep the method they were written with.
                """
                DO $$
                BEGIN
                    EXECUTE 'ALTER TABLE event ALTER COLUMN event SET COMPRESSION lz4, ALTER COLUMN decision SET COMPRESSION lz4, '
                        || 'ALTER COLUMN raw_body SET COMPRESSION lz4';
                    EXECUTE 'ALTER TABLE audit_batch ALTER COLUMN records SET COMPRESSION lz4';
                    EXECUTE 'ALTER TABLE delivery ALTER COLUMN draft SET COMPRESSION lz4';
                    EXECUTE 'ALTER TABLE attachment ALTER COLUMN data SET COMPRESSION lz4';
                EXCEPTION WHEN feature_not_supported OR syntax_error THEN
                    NULL;
                END
                $$
                """
            ]),
        Migration(
            identifier: "v5: room on the outbox's pages",
            statements: [
                // A delivery row is updated three times or more (its claim, its progress, its outcome). With room
                // left on its page, an update that changes no indexed column (a claim) writes the new version
                // beside the old one and touches none of the table's five indexes. Pages written before keep
                // their fill.
                "ALTER TABLE delivery SET (fillfactor = 70)"
            ]),
    ]
}
