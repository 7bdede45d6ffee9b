import GRDB
import Synchronization
import Testing

@testable import TicketGateStore

/// What a write records once committed is in place before the next transaction runs any write.
@Suite(.timeLimit(.minutes(1))) struct GroupCommitTests {
    final class Recorder: Sendable {
        let values = Mutex<[String]>([])
        let later = Mutex<Task<[String], any Error>?>(nil)

        func record(_ value: String) { values.withLock { $0.append(value) } }
        var recorded: [String] { values.withLock { $0 } }
    }

    @Test func aCommittedWriteRecordsBeforeTheNextTransaction() async throws {
        let directory = try TemporaryDirectory()
        let commits = GroupCommit(writer: try DatabasePool(path: directory.file("commits.sqlite")))
        let recorder = Recorder()

        let first = try await commits.submit(
            { _ in
                // Submitted while this transaction is open, so it runs in the next one.
                let next = Task { try await commits.submit { _ in recorder.recorded } }
                recorder.later.withLock { $0 = next }
                return "first"
            },
            committed: recorder.record)

        #expect(first == "first")
        let next = try #require(recorder.later.withLock { $0 })
        #expect(try await next.value == ["first"])
    }

    @Test func aWriteThatFailsRecordsNothing() async throws {
        struct Refused: Error {}
        let directory = try TemporaryDirectory()
        let commits = GroupCommit(writer: try DatabasePool(path: directory.file("commits.sqlite")))
        let recorder = Recorder()
        await #expect(throws: Refused.self) {
            try await commits.submit({ _ -> String in throw Refused() }, committed: recorder.record)
        }
        #expect(recorder.recorded.isEmpty)
    }
}
