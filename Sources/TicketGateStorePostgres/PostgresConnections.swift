import Foundation
import Logging
import PostgresNIO
import Synchronization
import TicketGateCore

/// The store's connections to PostgreSQL: a pool for queries and one for the advisory locks `withExclusiveLock`
/// holds, with bounded waits for a connection and recovery after an outage. The pools, and the probes, run
/// while `run()` does; an operation waits for them to run.
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
    /// One pair of pools, run by `run()` until they are retired.
    private struct Generation: Sendable {
        /// Counts up with each replacement.
        let number: Int
        let queries: PostgresClient
        let locks: PostgresClient
        /// Opens when the pools run, so no connection is asked of a pool before its `run()`.
        let running: Opening
        /// Finished to stop the pools.
        let retire: AsyncStream<Void>.Continuation
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
        var probing = false
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
    /// What `run()` runs: each generation's pools, and the probes.
    private let work: AsyncStream<@Sendable () async -> Void>
    private let workToRun: AsyncStream<@Sendable () async -> Void>.Continuation

    /// Makes the pools, which run and connect once `run()` runs.
    init(location: PostgresLocation, maximumConnections: Int, maximumLockConnections: Int, timing: PostgresTiming, logger: Logger) {
        self.location = location
        self.timing = timing
        self.maximumConnections = maximumConnections
        self.maximumLockConnections = maximumLockConnections
        self.logger = logger
        (work, workToRun) = AsyncStream.makeStream()
        let generation = makeGeneration(number: 0)
        state.withLock { $0.generation = generation }
    }

    /// Runs the pools, and after an outage the probes and the pools that replace them, until the task is
    /// cancelled; then closes every connection, and operations fail.
    func run() async {
        await withDiscardingTaskGroup { group in
            for await work in work {
                group.addTask(operation: work)
            }
        }
        state.withLock { $0.closed = true }
        workToRun.finish()
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
        return try await withConnection { connection in try await connection.transaction(logger: logger, body) }
    }

    /// Whether `run()` has ended: the pools are closed and operations fail.
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
                    try await generation.running.wait()
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
        let starts = state.withLock { state in
            if renewing { state.renewPools = true }
            guard !state.probing, !state.closed else { return false }
            if case .reachable = state.health { state.health = .probing }
            state.probing = true
            return true
        }
        if starts { workToRun.yield { await self.probeUntilReachable() } }
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
        let replacement = renew ? makeGeneration(number: next) : nil
        let retired = state.withLock { state -> Generation? in
            state.probing = false
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
        retired.retire.finish()
    }

    /// Connects once on a connection of its own and runs `SELECT 1`; throws why it could not.
    static func probe(_ location: PostgresLocation, timeout: Duration, logger: Logger) async throws {
        try await withSingleConnection(location, timeout: timeout, logger: logger) { connection in
            try await connection.execute("SELECT 1", logger: logger)
        }
    }

    /// Runs `body` on a connection of its own, made within `timeout` and closed afterwards. A connection that
    /// cannot be made, or fails under `body`, is `StoreError.unavailable` with the cause.
    static func withSingleConnection<Result>(
        _ location: PostgresLocation, timeout: Duration, logger: Logger, _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let connection: PostgresConnection
        do {
            var configuration = try location.connectionConfiguration()
            configuration.options.connectTimeout = .init(timeout)
            connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
        } catch {
            throw StoreError.unavailable(DatabaseFailure.describe(error))
        }
        do {
            let result = try await body(connection)
            try? await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw DatabaseFailure.isConnectivity(error) ? StoreError.unavailable(DatabaseFailure.describe(error)) : error
        }
    }

    /// New pools, for `run()` to run until they are retired.
    private func makeGeneration(number: Int) -> Generation {
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
        let running = Opening(after: 2)
        let (retirement, retire) = AsyncStream.makeStream(of: Void.self)
        workToRun.yield {
            await withTaskGroup(of: Void.self) { group in
                for pool in [queries, locks] {
                    group.addTask {
                        running.arrive()
                        await pool.run()
                    }
                }
                group.addTask { for await _ in retirement {} }
                await group.next()
                group.cancelAll()
            }
        }
        return Generation(number: number, queries: queries, locks: locks, running: running, retire: retire)
    }
}

/// Opens when `arrive()` has been called a given number of times; until then `wait()` waits, or throws
/// `CancellationError` when its task is cancelled.
private final class Opening: Sendable {
    private struct State {
        var arrivals: Int
        var isOpen: Bool { arrivals <= 0 }
        var next = 0
        var waiting: [Int: CheckedContinuation<Void, any Error>] = [:]
    }

    private let state: Mutex<State>

    init(after arrivals: Int) {
        state = Mutex(State(arrivals: arrivals))
    }

    func arrive() {
        let waiting = state.withLock { state -> [CheckedContinuation<Void, any Error>] in
            state.arrivals -= 1
            guard state.isOpen else { return [] }
            defer { state.waiting = [:] }
            return Array(state.waiting.values)
        }
        for waiter in waiting { waiter.resume() }
    }

    func wait() async throws {
        let key = state.withLock { state in
            defer { state.next += 1 }
            return state.next
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (waiter: CheckedContinuation<Void, any Error>) in
                let now: Result<Void, any Error>? = state.withLock { state in
                    if state.isOpen { return .success(()) }
                    if Task.isCancelled { return .failure(CancellationError()) }
                    state.waiting[key] = waiter
                    return nil
                }
                if let now { waiter.resume(with: now) }
            }
        } onCancel: {
            state.withLock { $0.waiting.removeValue(forKey: key) }?.resume(throwing: CancellationError())
        }
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
