import Foundation
import PostgresNIO
import TicketGateCore

/// The coordination the instances on one database share, in its tables: request slots and holds in
/// `destination_schedule` (timed by the database's clock, so the instances' clocks need not agree), pauses in
/// `destination_pause`, instances in `instance`, locks as advisory locks, and wake-ups by `LISTEN`.
extension PostgresEventStore: InstanceCoordination {
    /// The database's clock in epoch milliseconds, as SQL.
    private static let databaseNow = "(extract(epoch FROM clock_timestamp()) * 1000)::bigint"

    /// Takes the destination's next slot under its row lock when it comes soon enough, in one transaction:
    /// instances asking at once queue on the row and each gets its own slot. Without an interval only a hold can
    /// move the slot, which is read at most once per `PostgresTiming.scheduleFreshness` (`StoreNotifications` forgets
    /// a reading as soon as any instance holds the destination).
    package func reserveRequestSlot(destination: String, interval: Duration, maximumWait: Duration) async throws -> RequestTurn {
        let interval = EpochMilliseconds.of(interval)
        let maximumWait = EpochMilliseconds.of(maximumWait)
        let logger = logger
        guard interval > 0 else {
            let schedules = notifications.schedules
            let asked = ContinuousClock.now
            let (known, stamp) = schedules.nextSlot(of: destination, now: asked)
            let nextSlot: Int64
            if let known {
                nextSlot = known
            } else {
                nextSlot =
                    try await connections.withConnection { connection in
                        try await connection.value(
                            PostgresQuery(
                                unsafeSQL: "SELECT next_slot FROM destination_schedule WHERE destination = $1", binds: Self.bindings(destination)),
                            as: Int64.self, logger: logger)
                    } ?? 0
                schedules.remember(nextSlot, of: destination, since: stamp, readAt: asked)
            }
            return Self.turn(wait: max(0, nextSlot - clock.database(Date())), maximumWait: maximumWait)
        }
        let wait = try await connections.transaction { connection in
            try await connection.execute(
                "INSERT INTO destination_schedule (destination, next_slot) VALUES (\(destination), 0) ON CONFLICT (destination) DO NOTHING",
                logger: logger)
            let row = try await connection.rows(
                PostgresQuery(
                    unsafeSQL: "SELECT next_slot, \(Self.databaseNow) AS now FROM destination_schedule WHERE destination = $1 FOR UPDATE",
                    binds: Self.bindings(destination)), logger: logger)
            guard let row = row.first else { throw StoreError.unexpected("destination_schedule lost the row of \(destination)") }
            let now = try row.integer("now")
            let slot = max(try row.integer("next_slot"), now)
            if slot - now <= maximumWait {
                try await connection.execute(
                    "UPDATE destination_schedule SET next_slot = \(slot + interval) WHERE destination = \(destination)", logger: logger)
            }
            return slot - now
        }
        return Self.turn(wait: wait, maximumWait: maximumWait)
    }

    private static func turn(wait: Int64, maximumWait: Int64) -> RequestTurn {
        wait <= maximumWait ? .granted(wait: .milliseconds(wait)) : .deferred(for: .milliseconds(wait))
    }

    private static func bindings(_ text: String) -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(text)
        return bindings
    }

    /// Moves the destination's next slot to `delay` from now on the database's clock (never earlier) and
    /// notifies every instance, so their readings of the schedule are forgotten at once.
    package func holdRequests(destination: String, for delay: Duration) async throws {
        let milliseconds = EpochMilliseconds.of(delay)
        let sql = """
            WITH held AS (
                INSERT INTO destination_schedule AS s (destination, next_slot) VALUES ($1, \(Self.databaseNow) + $2)
                ON CONFLICT (destination) DO UPDATE SET next_slot = GREATEST(s.next_slot, EXCLUDED.next_slot)
                RETURNING next_slot
            )
            SELECT next_slot, pg_notify('\(StoreNotifications.scheduleChannel)', $1) FROM held
            """
        var bindings = PostgresBindings()
        bindings.append(destination)
        bindings.append(milliseconds)
        let schedules = notifications.schedules
        let asked = ContinuousClock.now
        let stamp = schedules.nextSlot(of: destination, now: asked).stamp
        let nextSlot = try await connections.withConnection { connection in
            try await connection.value(PostgresQuery(unsafeSQL: sql, binds: bindings), as: Int64.self, logger: logger)
        }
        if let nextSlot { schedules.remember(nextSlot, of: destination, since: stamp, readAt: asked) }
    }

    /// Holds a session advisory lock on a hash of `key` on one connection of the lock pool while `body` runs.
    /// Should the connection die, PostgreSQL releases the lock with it.
    package func withExclusiveLock<T>(_ key: String, _ body: () async throws -> T) async throws -> T {
        try await connections.withLockConnection { connection in
            try await connection.execute("SELECT pg_advisory_lock(hashtextextended(\(key), 0))", logger: logger)
            let result: Result<T, any Error>
            do {
                result = .success(try await body())
            } catch {
                result = .failure(error)
            }
            try await connection.execute("SELECT pg_advisory_unlock(hashtextextended(\(key), 0))", logger: logger)
            return try result.get()
        }
    }

    package func pauses() async throws -> [DestinationPause] {
        try await connections.withConnection { connection in
            try await connection.rows("SELECT * FROM destination_pause ORDER BY destination", logger: logger).map { row in
                guard let reason = DestinationPause.Reason(rawValue: try row.text("reason")) else {
                    throw StoreError.unexpected("destination_pause has an unknown reason for \(try row.text("destination"))")
                }
                return DestinationPause(
                    destination: try row.text("destination"), reason: reason, since: clock.instance(try row.integer("since")),
                    probeAt: try row["probe_at"].decode(Int64?.self).map(clock.instance))
            }
        }
    }

    package func savePause(_ pause: DestinationPause) async throws {
        let since = clock.database(pause.since)
        let probeAt = pause.probeAt.map(clock.database)
        try await connections.withConnection { connection in
            try await connection.execute(
                """
                INSERT INTO destination_pause (destination, reason, since, probe_at)
                VALUES (\(pause.destination), \(pause.reason.rawValue), \(since), \(probeAt))
                ON CONFLICT (destination) DO UPDATE SET reason = EXCLUDED.reason, since = EXCLUDED.since, probe_at = EXCLUDED.probe_at
                """, logger: logger)
        }
    }

    package func removePause(destination: String, reasons: Set<DestinationPause.Reason>) async throws -> Bool {
        let names = reasons.map(\.rawValue).sorted()
        return try await connections.withConnection { connection in
            try await !connection.rows(
                "DELETE FROM destination_pause WHERE destination = \(destination) AND reason = ANY(\(names)) RETURNING destination", logger: logger
            ).isEmpty
        }
    }

    package func heartbeat(_ instance: GatewayInstance) async throws {
        let started = clock.database(instance.startedAt)
        let beat = clock.database(instance.heartbeatAt)
        let leased = Int64(instance.runningAttempts)
        try await connections.withConnection { connection in
            try await connection.execute(
                """
                INSERT INTO instance (id, name, started_at, heartbeat_at, running_attempts)
                VALUES (\(instance.id), \(instance.name), \(started), \(beat), \(leased))
                ON CONFLICT (id) DO UPDATE SET heartbeat_at = EXCLUDED.heartbeat_at, running_attempts = EXCLUDED.running_attempts
                """, logger: logger)
        }
    }

    package func instances() async throws -> [GatewayInstance] {
        try await connections.withConnection { connection in
            try await connection.rows("SELECT * FROM instance ORDER BY heartbeat_at DESC, name", logger: logger).map { row in
                GatewayInstance(
                    id: try row["id"].decode(UUID.self), name: try row.text("name"), startedAt: clock.instance(try row.integer("started_at")),
                    heartbeatAt: clock.instance(try row.integer("heartbeat_at")), runningAttempts: Int(try row.integer("running_attempts")))
            }
        }
    }

    package func forgetInstances(silentSince cutoff: Date) async throws {
        let cutoff = clock.database(cutoff)
        try await connections.withConnection { connection in
            try await connection.execute("DELETE FROM instance WHERE heartbeat_at < \(cutoff)", logger: logger)
        }
    }

    /// The outbox's wake-ups, received while `run()` runs (`StoreNotifications`).
    package func outboxSignals() -> AsyncStream<Void> {
        notifications.outboxSignals()
    }
}
