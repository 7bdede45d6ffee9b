import Foundation
import Logging
import PostgresNIO
import Synchronization
import TicketGateCore

/// The store's connections to PostgreSQL: a pool for queries and one for the advisory locks `withExclusiveLock`
/// holds, with bounded waits for a connection and recovery after an outage.
///
/// - An operation that waits `probeDelay` for a connection starts a probe; a connection that breaks under a
///   query starts one too. The probe connects on its own, every `probeInterval`. While it fails the database
///   counts as unreachable: waiting operations end, and every new one fails at once (the request path answers
///   503 without waiting), with `StoreError.unavailable`; the log says so once a minute.
/// - While the database answers, a wait for a query connection ends after `leaseTimeout` (the pool is busy);
///   a wait for a lock connection lasts as long as the lock holders take.
/// - When the database answers again the pools are replaced by new ones, which connect at once (a pool's own
///   reconnection backs off for up to a minute after a long outage), and operations run again.
final class PostgresConnections: Sendable {
    /// One pair of pools and the task running them.
    private struct Generation: Sendable {
        /// Counts up with each replacement.
        let number: Int
        let queries: PostgresClient
        let locks: PostgresClient
        let running: Task<Void, Never>
    }

    private enum Health: Sendable {
        case reachable
        /// A probe runs; until it fails, operations still try.
        case probing
        case unreachable(cause: String)
    }

    private struct State: Sendable {
        var generation: Generation?
        var health = Health.reachable
        var probe: Task<Void, Never>?
        /// A connection of the pools failed since the last probe.
        var renewPools = false
        var closed = false
    }

    let location: PostgresLocation
    let timing: PostgresTiming
    private let maximumConnections: Int
    private let maximumLockConnections: Int
    private let logger: Logger
    private let state = Mutex(State())

    /// Starts the pools; they connect when first leased from.
    init(location: PostgresLocation, maximumConnections: Int, maximumLockConnections: Int, timing: PostgresTiming, logger: Logger) async {
        self.location = location
        self.timing = timing
        self.maximumConnections = maximumConnections
        self.maximumLockConnections = maximumLockConnections
        self.logger = logger
        let generation = await makeGeneration(number: 0)
        state.withLock { $0.generation = generation }
    }

    deinit {
        state.withLock { state in
            state.generation?.running.cancel()
            state.probe?.cancel()
        }
    }

    /// Closes every connection and stops probing; operations fail afterwards.
    func close() async {
        let (generation, probe) = state.withLock { state in
            state.closed = true
            defer {
                state.generation = nil
                state.probe = nil
            }
            return (state.generation, state.probe)
        }
        probe?.cancel()
        generation?.running.cancel()
        await generation?.running.value
        await probe?.value
    }

    /// Runs `body` on a connection of the query pool, waiting at most `timing.leaseTimeout` for one.
    func withConnection<Result>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        try await leasing(from: \.queries, timeout: timing.leaseTimeout, body)
    }

    /// Runs `body` on a connection of the lock pool, waiting for one as long as the database answers: the lock
    /// pool's connections are held by lock holders for as long as their work takes.
    func withLockConnection<Result>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        try await leasing(from: \.locks, timeout: nil, body)
    }

    /// Runs `body` in a transaction on one connection of the query pool, committed when `body` returns and rolled
    /// back when it throws; the error thrown is `body`'s own.
    func transaction<Result>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        let logger = logger
        return try await withConnection { connection in
            try await connection.execute("BEGIN", logger: logger)
            let result: Result
            do {
                result = try await body(connection)
            } catch {
                try? await connection.execute("ROLLBACK", logger: logger)
                throw error
            }
            try await connection.execute("COMMIT", logger: logger)
            return result
        }
    }

    /// Whether `close()` was called.
    var isClosed: Bool { state.withLock { $0.closed } }

    // MARK: - Leasing

    /// Runs `body` on a connection leased from one pool of the current generation. A child task leases the
    /// connection and holds it until `body` is done. A second one watches the wait: past `probeDelay` it starts a
    /// probe, and it ends the wait as soon as the probe finds the database away, or after `timeout`; when the
    /// pools were replaced meanwhile, the wait starts again on the new ones. A failure that says the database is
    /// away starts a probe and becomes `StoreError.unavailable`.
    private func leasing<Result>(
        from pool: KeyPath<Generation, PostgresClient> & Sendable, timeout: Duration?, _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let started = ContinuousClock.now
        while true {
            let generation = try currentGeneration()
            var leased = false
            do {
                let left = timeout.map { $0 - (ContinuousClock.now - started) }
                return try await lease(from: generation, pool, timeout: left) { connection in
                    leased = true
                    return try await body(connection)
                }
            } catch {
                if !leased, error is Retired || (DatabaseFailure.isConnectivity(error) && generation.number != currentNumber) { continue }
                guard DatabaseFailure.isConnectivity(error) else { throw error }
                startProbing(renewing: !(error is StoreError))
                throw error as? StoreError ?? StoreError.unavailable(DatabaseFailure.describe(error))
            }
        }
    }

    /// The pools were replaced while an operation waited for a connection of the old ones.
    private struct Retired: Error {}

    /// The number of the current generation.
    private var currentNumber: Int? { state.withLock { $0.generation?.number } }

    /// `body` on a connection of `generation`'s pool, or why the wait for one ended.
    private func lease<Result>(
        from generation: Generation, _ pool: KeyPath<Generation, PostgresClient> & Sendable, timeout: Duration?,
        _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let client = generation[keyPath: pool]
        let (leases, lease) = AsyncThrowingStream.makeStream(of: PostgresConnection.self)
        let (releases, release) = AsyncStream.makeStream(of: Void.self)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    try await client.withConnection { connection in
                        lease.yield(connection)
                        for await _ in releases {}
                    }
                } catch {
                    lease.finish(throwing: error)
                }
            }
            group.addTask {
                if let refusal = await self.watchWait(of: generation.number, timeout: timeout) {
                    lease.finish(throwing: refusal)
                }
            }
            defer {
                release.finish()
                group.cancelAll()
            }
            var leased = leases.makeAsyncIterator()
            guard let connection = try await leased.next() else { throw CancellationError() }
            return try await body(connection)
        }
    }

    /// Watches a wait for a connection of generation `number` until it is cancelled (the connection came);
    /// returns why the wait should end instead: the database is away, `timeout` passed, or the pools were
    /// replaced.
    private func watchWait(of number: Int, timeout: Duration?) async -> (any Error)? {
        let started = ContinuousClock.now
        guard (try? await Task.sleep(for: timing.probeDelay)) != nil else { return nil }
        startProbing()
        while true {
            let (health, current) = state.withLock { ($0.health, $0.generation?.number) }
            if current != number { return Retired() }
            if case .unreachable(let cause) = health {
                return StoreError.unavailable("the database does not answer: \(cause)")
            }
            if let timeout, ContinuousClock.now - started >= timeout {
                return StoreError.unavailable("no database connection within \(timeout)")
            }
            guard (try? await Task.sleep(for: .milliseconds(100))) != nil else { return nil }
        }
    }

    /// The pools to lease from, or `StoreError.unavailable` at once while the database is unreachable.
    private func currentGeneration() throws(StoreError) -> Generation {
        let current: Result<Generation, StoreError> = state.withLock { state in
            guard let generation = state.generation, !state.closed else { return .failure(.unavailable("the store is closed")) }
            if case .unreachable(let cause) = state.health { return .failure(.unavailable("the database does not answer: \(cause)")) }
            return .success(generation)
        }
        return try current.get()
    }

    // MARK: - Recovery

    /// Starts a probe unless one runs. `renewing` says a connection failed (it was cut, or could not be made):
    /// once the database answers, the pools are replaced, since a pool whose connections failed backs off for up
    /// to a minute before it connects again.
    private func startProbing(renewing: Bool = false) {
        state.withLock { state in
            if renewing { state.renewPools = true }
            guard state.probe == nil, !state.closed else { return }
            if case .reachable = state.health { state.health = .probing }
            state.probe = Task { await self.probeUntilReachable() }
        }
    }

    /// Connects every `probeInterval` until a connection succeeds. If one failed first, or a connection of the
    /// pools failed, the pools are replaced by new ones; the old ones are let finish the work they hold for
    /// `retireDelay`, then closed.
    private func probeUntilReachable() async {
        var failures = 0
        var lastLog: ContinuousClock.Instant?
        while !Task.isCancelled {
            do {
                try await Self.probe(location, timeout: timing.connectTimeout, logger: logger)
                break
            } catch {
                guard !Task.isCancelled else { return }
                failures += 1
                let cause = DatabaseFailure.describe(error)
                state.withLock { $0.health = .unreachable(cause: cause) }
                if lastLog.map({ ContinuousClock.now - $0 >= .seconds(60) }) ?? true {
                    lastLog = .now
                    logger.warning(
                        "the database does not answer; webhooks answer 503 until it does",
                        metadata: ["tg.database": "\(location)", "tg.error": "\(cause)"])
                }
                try? await Task.sleep(for: timing.probeInterval)
            }
        }
        guard !Task.isCancelled else { return }
        let (renew, next) = state.withLock { state in (failures > 0 || state.renewPools, (state.generation?.number ?? 0) + 1) }
        let replacement = renew ? await makeGeneration(number: next) : nil
        let retired = state.withLock { state -> Generation? in
            state.probe = nil
            state.health = .reachable
            state.renewPools = false
            guard let replacement, !state.closed else { return nil }
            defer { state.generation = replacement }
            return state.generation
        }
        if failures > 0 {
            logger.notice("the database answers again", metadata: ["tg.database": "\(location)"])
        }
        guard let retired else { return }
        // Operations that hold a connection of the old pools (a lock held across a vendor call) finish first.
        try? await Task.sleep(for: timing.retireDelay)
        retired.running.cancel()
    }

    /// Connects once on a connection of its own and runs `SELECT 1`; throws why it could not.
    static func probe(_ location: PostgresLocation, timeout: Duration, logger: Logger) async throws {
        var configuration = try location.connectionConfiguration()
        configuration.options.connectTimeout = .init(timeout)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
        defer { Task { try? await connection.close() } }
        try await connection.execute("SELECT 1", logger: logger)
    }

    /// New pools, running once this returns.
    private func makeGeneration(number: Int) async -> Generation {
        var configuration = location.configuration
        configuration.options.connectTimeout = timing.connectTimeout
        configuration.options.maximumConnections = maximumConnections
        // The pools log each failed connection at `info`; an outage is said once, by the probe.
        var poolLogger = logger
        poolLogger.logLevel = max(logger.logLevel, .warning)
        let queries = PostgresClient(configuration: configuration, backgroundLogger: poolLogger)
        configuration.options.maximumConnections = maximumLockConnections
        configuration.options.minimumConnections = 0
        let locks = PostgresClient(configuration: configuration, backgroundLogger: poolLogger)
        // Each pool says when its `run()` is starting, so no lease comes before it.
        let (starting, starts) = AsyncStream.makeStream(of: Void.self)
        let running = Task {
            await withDiscardingTaskGroup { group in
                for pool in [queries, locks] {
                    group.addTask {
                        starts.yield()
                        await pool.run()
                    }
                }
            }
        }
        for await _ in starting.prefix(2) {}
        return Generation(number: number, queries: queries, locks: locks, running: running)
    }
}

/// How long the PostgreSQL store waits for a connection, and how often it probes a database that does not answer.
package struct PostgresTiming: Sendable {
    /// The longest an operation waits for a connection of the query pool before it fails as unavailable, while the
    /// database answers: a pool busy with other work, not an outage, which fails waits as soon as a probe finds it.
    package var leaseTimeout: Duration
    /// How long an operation waits for a connection before a probe checks that the database answers.
    package var probeDelay: Duration
    /// The longest a new connection may take to be made.
    package var connectTimeout: Duration
    /// How often an unreachable database is tried again.
    package var probeInterval: Duration
    /// How long replaced pools keep the connections operations hold, before they are closed.
    package var retireDelay: Duration
    /// How long a reading of a destination's schedule serves (`ScheduleReadings`), unless a hold is notified.
    package var scheduleFreshness: Duration

    package init(
        leaseTimeout: Duration = .seconds(20), probeDelay: Duration = .seconds(1), connectTimeout: Duration = .seconds(3),
        probeInterval: Duration = .seconds(1), retireDelay: Duration = .seconds(60), scheduleFreshness: Duration = .seconds(1)
    ) {
        self.leaseTimeout = leaseTimeout
        self.probeDelay = probeDelay
        self.connectTimeout = connectTimeout
        self.probeInterval = probeInterval
        self.retireDelay = retireDelay
        self.scheduleFreshness = scheduleFreshness
    }
}
