import Foundation
import Logging
import PostgresNIO
import TicketGateCore

/// The store on PostgreSQL, shared by several instances: the same protocol as SQLite's, with claims that
/// skip rows another instance holds (`FOR UPDATE SKIP LOCKED`), fenced by a claim id, and duplicate
/// detection by a unique key that holds across instances. Due times, leases, pauses and heartbeats are kept on
/// the database's clock (`DatabaseClock`), so instances whose clocks disagree still agree on them.
package final class PostgresEventStore: OperatorStore, Sendable {
    /// A pool for queries and one of its own for the advisory locks `withExclusiveLock` holds while its body
    /// runs (a body uses the query pool, so lock holders and waiters can never take every connection the bodies
    /// need), with bounded waits and recovery after an outage.
    let connections: PostgresConnections
    let clock: DatabaseClock
    /// What the other instances notify, received while `run()` runs.
    let notifications: StoreNotifications
    /// Group commit of accepted events that can share a statement (`EventAcceptance.batch`).
    let accepts: WriteBatcher<EventAcceptance, AcceptOutcome>
    /// Group commit of the attempts' progress and outcomes (`AttemptWrite.batch`).
    let attemptWrites: WriteBatcher<AttemptWrite, Void>
    let logger: Logger

    /// Reads the database's clock and migrates the schema under the migration lock, on a connection of its own
    /// to `location`; the pools (a pool of connections, at most `maximumConnections`, and one of at most
    /// `maximumLockConnections` for locks) connect once `run()` runs. Throws `StoreError.unavailable` with the
    /// cause when the database cannot be reached or refuses the login, and `PostgresSchemaError` when its schema
    /// is newer. `now` is this instance's clock.
    package init(
        location: PostgresLocation, maximumConnections: Int = 20, maximumLockConnections: Int = 8,
        timing: PostgresTiming = PostgresTiming(), now: @escaping @Sendable () -> Date = { Date() }, logger: Logger
    ) async throws {
        let clock = DatabaseClock(now: now)
        try await PostgresConnections.withSingleConnection(location, timeout: timing.connectTimeout, logger: logger) { connection in
            try await clock.measure(on: connection, logger: logger)
            try await PostgresMigrator().migrate(on: connection, logger: logger)
        }
        let connections = PostgresConnections(
            location: location, maximumConnections: maximumConnections, maximumLockConnections: maximumLockConnections, timing: timing,
            logger: logger)
        self.connections = connections
        self.clock = clock
        notifications = StoreNotifications(scheduleFreshness: timing.scheduleFreshness)
        (accepts, attemptWrites) = Self.batchers(on: connections, notifications: notifications, logger: logger)
        self.logger = logger
    }

    /// Runs the connections (`PostgresConnections.run()`), receives the other instances' notifications
    /// (`StoreNotifications`) and reads the database's clock again every `DatabaseClock.remeasureInterval`, until
    /// the task is cancelled; then closes every connection and ends the outbox signals, and the store is
    /// unusable.
    package func run() async {
        await withDiscardingTaskGroup { group in
            group.addTask { await self.connections.run() }
            group.addTask { await self.notifications.listen(on: self.connections, logger: self.logger) }
            group.addTask { await self.notifications.sendNotices(on: self.connections, logger: self.logger) }
            while !Task.isCancelled {
                try? await Task.sleep(for: DatabaseClock.remeasureInterval)
                try? await connections.withConnection { connection in try await clock.measure(on: connection, logger: logger) }
            }
        }
        notifications.finish()
    }

    // MARK: - Ingest

    /// Stores an accepted event with its attachments, outbox row and audit, or finds the event it repeats
    /// (`EventAcceptance`): `ON CONFLICT` on the unique (source, dedupe key) holds when two instances store the
    /// same provider event at the same moment (the second waits for the first's commit, then finds it). An event
    /// without posted files whose delivery has no conversation shares one statement with the events accepted
    /// with it (`accepts`); any other is a transaction of its own.
    package func accept(_ accepted: AcceptedEvent) async throws -> AcceptOutcome {
        let acceptance = try EventAcceptance(accepted, time: clock.database, PostgresDialect())
        if acceptance.isBatchable {
            return try await accepts.submit(acceptance)
        }
        let logger = logger
        let outcome = try await connections.transaction { connection -> AcceptOutcome in
            guard try await !connection.rows(acceptance.insertEvent.query, logger: logger).isEmpty else {
                return .duplicate(of: try await Self.firstStored(acceptance, on: connection, logger: logger))
            }
            for statement in acceptance.insertAttachments {
                try await connection.execute(statement.query, logger: logger)
            }
            if let delivery = acceptance.delivery {
                try await Self.insert(delivery, on: connection, logger: logger)
            }
            if let audit = acceptance.insertAudit {
                try await connection.execute(audit.query, logger: logger)
            }
            return .stored
        }
        if outcome == .stored, acceptance.delivery != nil { deliveriesBecameDue() }
        return outcome
    }

    /// The event `acceptance` repeats, which its statement's snapshot may not have seen.
    static func firstStored(_ acceptance: EventAcceptance, on connection: PostgresConnection, logger: Logger) async throws -> EventID {
        guard let first = try await connection.rows(acceptance.findFirst.query, logger: logger).first else {
            throw StoreError.unexpected("an event repeats one that is not stored")
        }
        return EventID(rawValue: try first.text("id"))
    }

    /// Inserts an outbox row, its conversation's keys locked first and registered after; returns the inserted
    /// row. The caller tells the other instances after its commit (`deliveriesBecameDue()`).
    @discardableResult
    static func insert(_ delivery: DeliveryInsertion, on connection: PostgresConnection, logger: Logger) async throws -> PostgresRandomAccessRow {
        if let lock = delivery.lock {
            try await connection.execute(lock.query, logger: logger)
        }
        guard let row = try await connection.rows(delivery.insert.query, logger: logger).first else {
            throw StoreError.unexpected("the delivery insert returned no row")
        }
        if let registration = try delivery.registration(row) {
            try await connection.execute(registration.query, logger: logger)
        }
        return row
    }
}
