import Foundation
import GRDB
import TicketGateCore

/// The embedded store: SQLite in WAL mode through GRDB, with `synchronous = FULL` so that a committed event
/// survives a power cut, not only a crash.
package final class SQLiteEventStore: EventStore, Sendable {
    let writer: DatabasePool
    private let lock: ProcessLock?
    /// Every write of the ingest path and of the delivery worker goes through here, to share transactions.
    let commits: GroupCommit
    /// The serving process's checkpoints, off the writer.
    let checkpointer: WALCheckpointer?

    /// Opens (creating if needed) the database at `path` and migrates it. With `serving`, also takes the
    /// process lock: only the process that delivers from the outbox holds it. A database the store creates
    /// is readable by its owner only (0600, as SQLite then makes its journal files), in a directory it creates
    /// for its owner only (0700): the events hold personal data and credentials the vendors returned.
    package init(path: String, serving: Bool) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        lock = serving ? try ProcessLock(path: path + ".lock") : nil
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            if serving {
                try db.execute(sql: "PRAGMA wal_autocheckpoint = \(WALCheckpointer.fallbackPages)")
            }
        }
        writer = try DatabasePool(path: path, configuration: configuration)
        try Schema.migrator.migrate(writer)
        let checkpointer = serving ? try WALCheckpointer(path: path, configuration: configuration) : nil
        self.checkpointer = checkpointer
        commits = GroupCommit(writer: writer, committed: { checkpointer?.noteCommit() })
    }

    /// Checkpoints the write-ahead log off the writer while the gateway serves (`WALCheckpointer`); returns
    /// when the task is cancelled.
    package func maintain() async {
        await checkpointer?.run()
    }

    // MARK: - Ingest

    /// Stores an accepted event with its attachments, outbox row and audit, or finds the event it repeats.
    /// Its rows are encoded here, on the caller's task; events accepted at the same moment then share one
    /// transaction (`GroupCommit`) with the delivery worker's writes, and each is answered only once its transaction has committed.
    package func accept(_ accepted: AcceptedEvent) async throws -> AcceptOutcome {
        let prepared = try PreparedAcceptance(accepted)
        return try await commits.submit { db in try Self.store(prepared, in: db) }
    }

    /// An accepted event with its rows already encoded.
    struct PreparedAcceptance: Sendable {
        let accepted: AcceptedEvent
        let event: EncodedRow
        let attachments: [EncodedRow]
        let delivery: EncodedRow?
        let audit: EncodedRow?

        init(_ accepted: AcceptedEvent) throws {
            self.accepted = accepted
            event = try EncodedRow(EventRow(accepted))
            attachments = try AttachmentRow.rows(for: accepted.event).map(EncodedRow.init)
            delivery = try accepted.decision.draft.map {
                try EncodedRow(DeliveryRow(eventID: accepted.event.id, draft: $0, at: accepted.event.receivedAt))
            }
            audit = try SQLiteEventStore.auditBatch(accepted.audit, eventID: accepted.event.id, deliveryID: nil)
        }
    }

    /// Writes the event's rows, or finds the event it repeats.
    static func store(_ prepared: PreparedAcceptance, in db: Database) throws -> AcceptOutcome {
        let accepted = prepared.accepted
        if let key = accepted.dedupeKey,
            let first = try String.fetchOne(
                db.cachedStatement(sql: "SELECT id FROM event WHERE source = ? AND dedupe_key = ?"), arguments: [accepted.event.source, key])
        {
            return .duplicate(of: EventID(rawValue: first))
        }
        try prepared.event.insert(db)
        for row in prepared.attachments {
            try row.insert(db)
        }
        if let delivery = prepared.delivery, let draft = accepted.decision.draft {
            _ = try insertDelivery(delivery, of: draft, for: accepted.event, in: db)
        }
        try prepared.audit?.insert(db)
        return .stored
    }

    /// Inserts the outbox row (encoded already) and links it into its conversation: a draft without its own
    /// ticket or order reference continues the conversation any of the event's keys names at the destination;
    /// the event's keys then name that conversation (or the one this delivery opens) for the events that
    /// answer it. Returns the row's id.
    @discardableResult
    static func insertDelivery(_ row: EncodedRow, of draft: TicketDraft, for event: InboundEvent, in db: Database) throws -> Int64 {
        let keys = ConversationKeys(event: event)
        let threadable = draft.order == nil
        let opener = threadable && draft.replyTo == nil ? try ConversationRow.opener(of: keys.continues, at: draft.destination, in: db) : nil
        let id = try row.insert(db, overrides: ["conversation_opener": opener?.databaseValue ?? .null])
        if threadable {
            try ConversationRow.register(keys.continues + keys.introduces, at: draft.destination, opener: opener ?? id, in: db)
        }
        return id
    }

    package func storedEvent(source: String, dedupeKey: String) async throws -> EventID? {
        try await writer.read { db in
            try String.fetchOne(
                db.cachedStatement(sql: "SELECT id FROM event WHERE source = ? AND dedupe_key = ?"), arguments: [source, dedupeKey]
            ).map(EventID.init(rawValue:))
        }
    }

    package func nextAssignee(in rotation: AssigneeRotation) async throws -> Int {
        precondition(!rotation.pool.isEmpty, "a rotation has at least one assignee")
        return try await writer.write { db in
            let turns = try Int.fetchOne(db, sql: "SELECT turns FROM rotation WHERE key = ?", arguments: [rotation.key]) ?? 0
            try db.execute(
                sql: "INSERT INTO rotation(key, turns) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET turns = excluded.turns",
                arguments: [rotation.key, turns + 1]
            )
            return rotation.pool[turns % rotation.pool.count]
        }
    }

    package func checkReachable() async throws {
        try await writer.read { db in
            _ = try Int.fetchOne(db, sql: "SELECT 1")
        }
    }
}
