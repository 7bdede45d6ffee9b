import Foundation
import GRDB
import Synchronization

/// Stores request bodies under a unique key in SQLite (WAL, `synchronous = FULL`), with group commit: bodies
/// that arrive while a transaction is being written wait for the next one and go to disk together in it, so one
/// fsync covers them all. `store` returns once the transaction holding its body has committed.
final class RequestJournal: Sendable {
    private struct Pending: Sendable {
        let body: [UInt8]
        let key: String
        let continuation: CheckedContinuation<(id: Int64, isNew: Bool), any Error>
    }

    private struct State {
        var waiting: [Pending] = []
        var writing = false
    }

    private let state = Mutex(State())
    private let writer: DatabasePool
    private let checkpointer: DatabaseQueue

    init(path: String) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 10000")
        }
        writer = try DatabasePool(path: path, configuration: configuration)
        checkpointer = try DatabaseQueue(path: path, configuration: configuration)
        try writer.write { db in
            try db.execute(
                sql: "CREATE TABLE IF NOT EXISTS request (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, body BLOB NOT NULL)"
            )
        }
    }

    /// Copies the write-ahead log into the database file every 25 ms on a connection of its own, as ticketgate
    /// does (`WALCheckpointer`), so the writer does not stop for it. Returns when the task is cancelled.
    func checkpoint() async {
        while (try? await Task.sleep(for: .milliseconds(25))) != nil {
            _ = try? await checkpointer.writeWithoutTransaction { try $0.checkpoint(.passive) }
        }
    }

    /// Stores `body` under `key`, or finds the row stored before under it: its id, and whether it is new.
    func store(_ body: [UInt8], key: String) async throws -> (id: Int64, isNew: Bool) {
        try await withCheckedThrowingContinuation { continuation in
            let startsWriting = state.withLock { state in
                state.waiting.append(Pending(body: body, key: key, continuation: continuation))
                guard !state.writing else { return false }
                state.writing = true
                return true
            }
            if startsWriting {
                Task { await self.writeBatches() }
            }
        }
    }

    /// Writes batches until no one waits.
    private func writeBatches() async {
        while true {
            let batch: [Pending] = state.withLock { state in
                let batch = state.waiting
                state.waiting = []
                if batch.isEmpty { state.writing = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            do {
                let rows = try await writer.write { db in try batch.map { try Self.insert($0, into: db) } }
                for (pending, row) in zip(batch, rows) { pending.continuation.resume(returning: row) }
            } catch {
                for pending in batch { pending.continuation.resume(throwing: error) }
            }
        }
    }

    private static func insert(_ pending: Pending, into db: Database) throws -> (id: Int64, isNew: Bool) {
        let insert = try db.cachedStatement(sql: "INSERT INTO request (key, body) VALUES (?, ?) ON CONFLICT (key) DO NOTHING")
        try insert.execute(arguments: [pending.key, Data(pending.body)])
        if db.changesCount > 0 { return (db.lastInsertedRowID, true) }
        let first = try db.cachedStatement(sql: "SELECT id FROM request WHERE key = ?")
        return (try Int64.fetchOne(first, arguments: [pending.key]) ?? 0, false)
    }
}
