import Foundation
import GRDB
import Synchronization
import Testing

@testable import TicketGateStore

/// Writes that wait for the same transaction go to disk together, and each keeps its own outcome.
@Suite(.timeLimit(.minutes(1))) struct GroupCommitTests {
    struct Refused: Error {}

    static func insert(_ text: String, thenFail: Bool = false) -> @Sendable (Database) throws -> String {
        { db in
            try db.execute(sql: "INSERT INTO note(text) VALUES (?)", arguments: [text])
            if thenFail { throw Refused() }
            return text
        }
    }

    /// Three writes submitted while a transaction is open share the next one; the one that fails is rolled
    /// back alone, and the other two are stored.
    @Test func aWriteThatFailsIsRolledBackAloneInItsBatch() async throws {
        let directory = try TemporaryDirectory()
        let writer = try DatabasePool(path: directory.file("commits.sqlite"))
        try await writer.write { db in try db.execute(sql: "CREATE TABLE note(text TEXT NOT NULL)") }
        let commits = GroupCommit(writer: writer)
        let later = Mutex<[Task<String, any Error>]>([])

        _ = try await commits.submit { db in
            // Submitted while this transaction is open, so they run together in the next one.
            let tasks = [
                Task { try await commits.submit(Self.insert("b")) }, Task { try await commits.submit(Self.insert("c", thenFail: true)) },
                Task { try await commits.submit(Self.insert("d")) },
            ]
            later.withLock { $0 = tasks }
            while commits.waitingCount < tasks.count { sched_yield() }
            return try Self.insert("a")(db)
        }

        let tasks = later.withLock { $0 }
        #expect(try await tasks[0].value == "b")
        await #expect(throws: Refused.self) { try await tasks[1].value }
        #expect(try await tasks[2].value == "d")
        let stored = try await writer.read { db in try String.fetchAll(db, sql: "SELECT text FROM note ORDER BY text") }
        #expect(stored == ["a", "b", "d"])
    }
}
