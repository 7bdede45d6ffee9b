import Foundation

/// A store on a SQL engine: how it runs statements and reads its stored times. The operator's reads, the
/// console's sign-outs and the delivery worker's simpler writes are written once over it, below; each store
/// provides only `run(_:writes:)`, its dialect and its clock.
package protocol SQLStore: OperatorStore {
    associatedtype Row: SQLRow & Sendable

    var dialect: any SQLDialect { get }

    /// Runs `statements` together, in one transaction when there are several, and answers each one's rows.
    /// `writes` says that they change the store.
    func run(_ statements: [SQLStatement], writes: Bool) async throws -> [[Row]]

    /// Stored milliseconds as an instant of this instance's clock.
    func instant(_ milliseconds: Int64) -> Date

    /// An instant of this instance's clock in stored milliseconds.
    func milliseconds(_ date: Date) -> Int64

    /// Tells the other instances sharing the store that deliveries became due, after the commit that made them
    /// so (nothing where one process delivers).
    func deliveriesBecameDue()
}

extension SQLStore {
    /// The rows of one statement that only reads.
    private func rows(_ statement: SQLStatement) async throws -> [Row] {
        try await run([statement], writes: false).first ?? []
    }

    package func storedEvent(source: String, dedupeKey: String) async throws -> EventID? {
        let statement = SQLStatement(dialect) { sql in
            sql.append("SELECT id FROM event WHERE source = \(sql.bind(.text(source))) AND dedupe_key = \(sql.bind(.text(dedupeKey)))")
        }
        return try await rows(statement).first.map { EventID(rawValue: try $0.text("id")) }
    }

    /// The next assignee of a rotation: one statement that advances the stored turn, so instances taking
    /// turns at the same moment get different ones.
    package func nextAssignee(in rotation: AssigneeRotation) async throws -> Int {
        precondition(!rotation.pool.isEmpty, "a rotation has at least one assignee")
        let statement = SQLStatement(dialect) { sql in
            sql.append(
                """
                INSERT INTO rotation (key, turns) VALUES (\(sql.bind(.text(rotation.key))), 1)
                ON CONFLICT (key) DO UPDATE SET turns = rotation.turns + 1 RETURNING turns
                """)
        }
        let turn = (try await run([statement], writes: true).first?.first?.integer("turns") ?? 1) - 1
        return rotation.pool[Int(turn % Int64(rotation.pool.count))]
    }

    package func checkReachable() async throws {
        _ = try await rows(SQLStatement(dialect) { $0.append("SELECT 1 AS one") })
    }

    package func listEvents(_ query: EventQuery) async throws -> EventPage {
        let answers = try await run(
            [try EventListing.events(query, dialect)] + (query.counting ? [EventListing.count(query, dialect)] : []), writes: false)
        let rows = answers[0]
        let total = try answers.dropFirst().first?.first.map { EventTotal(counted: Int(try $0.integer("n"))) }
        let ids = try rows.prefix(query.limit).map { try $0.text("id") }
        let deliveries = try await self.rows(EventListing.deliveries(of: ids, dialect)).map { try StoredDelivery(row: $0, instant: instant) }
        return try EventListing.page(rows, deliveries: deliveries, query: query, total: total)
    }

    package func decidedEvents(since: Date?, before cursor: String?, limit: Int) async throws -> [DecidedEvent] {
        try await rows(try DecidedEvents.page(since: since, before: cursor, limit: limit, dialect)).map(DecidedEvents.event)
    }

    package func event(_ id: EventID) async throws -> InboundEvent? {
        try await rows(StoredEvent.lookup(id, dialect)).first.map(StoredEvent.event)
    }

    package func report(for id: EventID) async throws -> EventReport? {
        let answers = try await run(
            [StoredEvent.lookup(id, dialect), EventListing.deliveries(of: [id.rawValue], dialect), StoredEvent.audit(of: id, dialect)], writes: false)
        guard answers.count == 3, let event = answers[0].first else { return nil }
        return EventReport(
            event: try StoredEvent.event(event), decision: try StoredEvent.decision(event),
            deliveries: try answers[1].map { try StoredDelivery(row: $0, instant: instant).summary },
            audit: try answers[2].flatMap(AuditEntry.entries))
    }

    /// How many rows each table holds (audit records counted one by one).
    package func counts() async throws -> StoreCounts {
        let statement = SQLStatement(dialect) { sql in
            sql.append(
                """
                SELECT (SELECT count(*) FROM event) AS events, (SELECT count(*) FROM delivery) AS deliveries,
                    CAST((SELECT coalesce(sum(\(sql.dialect.jsonArrayLength("records"))), 0) FROM audit_batch) AS bigint) AS audit
                """)
        }
        let row = try await rows(statement).first
        return StoreCounts(
            events: Int(try row?.integer("events") ?? 0), deliveries: Int(try row?.integer("deliveries") ?? 0),
            auditRecords: Int(try row?.integer("audit") ?? 0))
    }

    package func activity(since: Date) async throws -> [ActivityHour] {
        let from = SQLValue.integer(EpochMilliseconds.of(since))
        let hour = "e.received_at - e.received_at % 3600000"
        let answers = try await run(
            [
                SQLStatement(dialect) { sql in
                    sql.append("SELECT \(hour) AS hour, count(*) AS n FROM event e WHERE e.received_at >= \(sql.bind(from)) GROUP BY hour")
                },
                SQLStatement(dialect) { sql in
                    sql.append(
                        """
                        SELECT \(hour) AS hour, d.status, count(*) AS n FROM event e JOIN delivery d ON d.event_id = e.id
                        WHERE e.received_at >= \(sql.bind(from)) GROUP BY hour, d.status
                        """)
                },
            ], writes: false)
        var hours: [Int64: ActivityHour] = [:]
        for row in answers.first ?? [] {
            let start = try row.integer("hour")
            hours[start] = ActivityHour(start: EpochMilliseconds.date(start), events: Int(try row.integer("n")), deliveries: [:])
        }
        for row in answers.dropFirst().first ?? [] {
            guard let status = DeliveryStatus(rawValue: try row.text("status")) else { continue }
            hours[try row.integer("hour")]?.deliveries[status] = Int(try row.integer("n"))
        }
        return hours.values.sorted { $0.start < $1.start }
    }

    package func deliveryCounts(statuses: [DeliveryStatus]?) async throws -> [String: [DeliveryStatus: Int]] {
        var counts: [String: [DeliveryStatus: Int]] = [:]
        let statement = SQLStatement(dialect) { sql in
            sql.append("SELECT destination, status, count(*) AS n FROM delivery")
            if let statuses { sql.append(" WHERE \(sql.dialect.isIn("status", list: sql.bind(.texts(statuses.map(\.rawValue).sorted()))))") }
            sql.append(" GROUP BY destination, status")
        }
        for row in try await rows(statement) {
            guard let status = DeliveryStatus(rawValue: try row.text("status")) else { continue }
            counts[try row.text("destination"), default: [:]][status] = Int(try row.integer("n"))
        }
        return counts
    }

    package func outboxBacklog(now: Date) async throws -> OutboxBacklog {
        let statement = SQLStatement(dialect) { sql in
            sql.append(
                """
                SELECT count(*) AS due, min(next_attempt_at) AS oldest FROM delivery
                WHERE status = 'pending' AND next_attempt_at <= \(sql.bind(.integer(milliseconds(now))))
                """)
        }
        let row = try await rows(statement).first
        return OutboxBacklog(due: Int(try row?.integer("due") ?? 0), oldestDueAt: try row?.optionalInteger("oldest").map(instant))
    }

    package func recordSignOut(nonce: String, expiresAt: Date, now: Date) async throws {
        _ = try await run(
            [
                SQLStatement(dialect) { sql in
                    sql.append("DELETE FROM console_signout WHERE expires_at < \(sql.bind(.integer(EpochMilliseconds.of(now))))")
                },
                SQLStatement(dialect) { sql in
                    sql.append(
                        """
                        INSERT INTO console_signout (nonce, expires_at) VALUES (\(sql.bind(.text(nonce))), \
                        \(sql.bind(.integer(EpochMilliseconds.of(expiresAt))))) ON CONFLICT DO NOTHING
                        """)
                },
            ], writes: true)
    }

    package func isSignedOut(nonce: String) async throws -> Bool {
        let statement = SQLStatement(dialect) { sql in
            sql.append("SELECT count(*) AS n FROM console_signout WHERE nonce = \(sql.bind(.text(nonce)))")
        }
        return try await rows(statement).first?.integer("n") ?? 0 > 0
    }

    /// Extends the lease of a running attempt while its claim still holds the row (where the dialect has claims).
    package func extendLease(deliveryID: Int64, claim: UUID?, until: Date) async throws -> Bool {
        let statement = SQLStatement(dialect) { sql in
            sql.append(
                """
                UPDATE delivery SET lease_until = \(sql.bind(.integer(milliseconds(until))))
                WHERE id = \(sql.bind(.integer(deliveryID))) AND status = 'pending'
                """)
            sql.appendClaimHolds(claim)
            sql.append(" RETURNING id")
        }
        return try await !run([statement], writes: true).joined().isEmpty
    }

    /// Makes the destination's deliveries that wait for a credential due at `now`, and wakes the delivery
    /// workers; answers how many.
    package func resumeWaitingDeliveries(to destination: String, now: Date) async throws -> Int {
        let at = SQLValue.integer(milliseconds(now))
        let statement = SQLStatement(dialect) { sql in
            sql.append(
                """
                UPDATE delivery SET next_attempt_at = \(sql.bind(at))
                WHERE destination = \(sql.bind(.text(destination))) AND status = 'pending'
                    AND last_failure_reason = \(sql.bind(.text(FailureReason.unauthorized.rawValue))) AND next_attempt_at > \(sql.bind(at))
                RETURNING id
                """)
        }
        let resumed = try await run([statement], writes: true).joined().count
        if resumed > 0 { deliveriesBecameDue() }
        return resumed
    }

    /// Deletes what is older than the retention allows: posted files and raw bodies before `rawBefore`, events
    /// before `eventsBefore`, except what a pending delivery still needs. Where several instances write, one
    /// prunes at a time (`SQLDialect.holdsPruneLock`): an instance that finds another pruning removes nothing
    /// this round.
    package func prune(_ retention: RetentionCutoffs) async throws -> PruneResult {
        let turn = dialect.holdsPruneLock.map { " AND \($0)" } ?? ""
        let rawBefore = SQLValue.integer(EpochMilliseconds.of(retention.rawBefore))
        let answers = try await run(
            [
                SQLStatement(dialect) { sql in
                    sql.append(
                        """
                        DELETE FROM attachment WHERE event_id IN (SELECT id FROM event WHERE received_at < \(sql.bind(rawBefore)))
                        AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.event_id = attachment.event_id AND d.status = 'pending')\(turn)
                        """)
                },
                SQLStatement(dialect) { sql in
                    sql.append(
                        """
                        UPDATE event SET raw_body = \(sql.bind(.bytes(Data()))) WHERE received_at < \(sql.bind(rawBefore)) AND length(raw_body) > 0\(turn)
                        RETURNING id
                        """)
                },
                SQLStatement(dialect) { sql in
                    sql.append(
                        """
                        DELETE FROM event WHERE received_at < \(sql.bind(.integer(EpochMilliseconds.of(retention.eventsBefore))))
                        AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.event_id = event.id AND d.status = 'pending')\(turn)
                        RETURNING id
                        """)
                },
            ], writes: true)
        guard answers.count == 3 else { throw StoreError.unexpected("a prune answered \(answers.count) statements of 3") }
        return PruneResult(rawBodies: answers[1].count, events: answers[2].count)
    }
}
