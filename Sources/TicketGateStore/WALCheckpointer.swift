import GRDB

/// Copies committed pages from the write-ahead log into the database file on a connection of its own, so
/// the single writer never stops for it.
///
/// SQLite checkpoints on the connection that commits, once the log passes 1,000 pages: under load, every
/// few hundred milliseconds the writer stopped to copy about 4 MB and fsync the database file, and every
/// event waiting for its 202 waited behind it. Here a passive checkpoint (it never blocks the writer, nor
/// the writer it) follows commits instead, at most once every `spacing`. The writer keeps SQLite's own
/// checkpoint at `fallbackPages`, for when this one cannot keep up (a long read can hold pages back).
final class WALCheckpointer: Sendable {
    /// The log's size, in pages, at which the writer checkpoints itself.
    static let fallbackPages = 10_000

    private let connection: DatabaseQueue
    private let spacing: Duration
    private let commits: AsyncStream<Void>
    private let committed: AsyncStream<Void>.Continuation

    init(path: String, configuration: Configuration, spacing: Duration = .milliseconds(25)) throws {
        connection = try DatabaseQueue(path: path, configuration: configuration)
        (commits, committed) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
        self.spacing = spacing
    }

    /// Tells the checkpointer the writer committed.
    func noteCommit() {
        committed.yield()
    }

    /// Ends `run()` once it has checkpointed after the last commit it was told of.
    func finish() {
        committed.finish()
    }

    /// Checkpoints after commits until the task is cancelled or `finish()` is called. A checkpoint that fails
    /// (another one is under way) is left to the next commit, or to the writer's own. Runs once: after it
    /// ends, the writer's own checkpoint takes over.
    func run() async {
        for await _ in commits {
            _ = try? await checkpoint()
            try? await Task.sleep(for: spacing)
        }
    }

    /// One passive checkpoint: how many frames the log holds, and how many of them are now in the database file.
    @discardableResult
    func checkpoint() async throws -> (walFrameCount: Int, checkpointedFrameCount: Int) {
        try await connection.writeWithoutTransaction { try $0.checkpoint(.passive) }
    }
}
