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
    package func run() async {
        await checkpointer?.run()
    }

    // MARK: - Ingest

    /// Stores an accepted event with its attachments, outbox row and audit, or finds the event it repeats
    /// (`EventAcceptance`). Its statements are encoded here, on the caller's task; events accepted at the same
    /// moment then share one transaction (`GroupCommit`) with the delivery worker's writes, and each is answered
    /// only once its transaction has committed.
    package func accept(_ accepted: AcceptedEvent) async throws -> AcceptOutcome {
        let acceptance = try BoundAcceptance(EventAcceptance(accepted, time: EpochMilliseconds.of, SQLiteDialect()))
        return try await commits.submit { db in try Self.store(acceptance, in: db) }
    }

    /// An acceptance's statements with their values converted, so the writer only runs them.
    struct BoundAcceptance: Sendable {
        let insertEvent: BoundStatement
        let findFirst: BoundStatement
        let insertAttachments: [BoundStatement]
        let delivery: (insertion: DeliveryInsertion, insert: BoundStatement)?
        let insertAudit: BoundStatement?

        init(_ acceptance: EventAcceptance) throws {
            insertEvent = try BoundStatement(acceptance.insertEvent)
            findFirst = try BoundStatement(acceptance.findFirst)
            insertAttachments = try acceptance.insertAttachments.map(BoundStatement.init)
            delivery = try acceptance.delivery.map { ($0, try BoundStatement($0.insert)) }
            insertAudit = try acceptance.insertAudit.map(BoundStatement.init)
        }
    }

    /// Runs an acceptance's statements in order: the event, unless it repeats one, then its files, its
    /// delivery and its audit.
    static func store(_ acceptance: BoundAcceptance, in db: Database) throws -> AcceptOutcome {
        guard try db.answersRow(acceptance.insertEvent) else {
            return .duplicate(of: EventID(rawValue: try db.rows(acceptance.findFirst).first?.text("id") ?? ""))
        }
        for statement in acceptance.insertAttachments {
            try db.execute(statement)
        }
        if let delivery = acceptance.delivery {
            if delivery.insertion.isInConversation {
                try insert(delivery.insertion, bound: delivery.insert, in: db)
            } else {
                try db.execute(delivery.insert)
            }
        }
        if let audit = acceptance.insertAudit {
            try db.execute(audit)
        }
        return .stored
    }

    /// Inserts an outbox row (its insert bound already, when given) and registers its conversation's keys;
    /// returns the inserted row.
    @discardableResult
    static func insert(_ delivery: DeliveryInsertion, bound: BoundStatement? = nil, in db: Database) throws -> SQLiteRow {
        try delivery.lock.map(db.execute)
        guard let row = try db.rows(bound ?? BoundStatement(delivery.insert)).first else {
            throw StoreError.unexpected("the delivery insert returned no row")
        }
        if let registration = try delivery.registration(row) {
            try db.execute(registration)
        }
        return row
    }
}
