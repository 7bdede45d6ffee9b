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
    let logger: Logger

    /// The channel every instance listens on, notified after a commit that makes deliveries due.
    static let outboxChannel = "ticketgate_outbox"

    /// Connects to `location` (a pool of connections, at most `maximumConnections`, and one of at most
    /// `maximumLockConnections` for locks), reads the database's clock and migrates the schema under the
    /// migration lock. Throws `StoreError.unavailable` with the cause when the database cannot be reached or
    /// refuses the login, and `PostgresSchemaError` when its schema is newer. `now` is this instance's clock.
    package init(
        location: PostgresLocation, maximumConnections: Int = 20, maximumLockConnections: Int = 8,
        timing: PostgresTiming = PostgresTiming(), now: @escaping @Sendable () -> Date = { Date() }, logger: Logger
    ) async throws {
        do {
            try await PostgresConnections.probe(location, timeout: timing.connectTimeout, logger: logger)
        } catch {
            throw StoreError.unavailable(DatabaseFailure.describe(error))
        }
        connections = await PostgresConnections(
            location: location, maximumConnections: maximumConnections, maximumLockConnections: maximumLockConnections, timing: timing,
            logger: logger)
        clock = DatabaseClock(now: now)
        self.logger = logger
        do {
            try await clock.measure(on: connections, logger: logger)
            try await PostgresMigrator().migrate(connections, logger: logger)
        } catch {
            await connections.close()
            throw error
        }
    }

    /// Closes every connection; the store is unusable afterwards.
    package func close() async {
        await connections.close()
    }

    /// The store's own background work while the gateway serves: reads the database's clock again every
    /// `DatabaseClock.remeasureInterval`; returns when the task is cancelled.
    package func maintain() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: DatabaseClock.remeasureInterval)
            try? await clock.measure(on: connections, logger: logger)
        }
    }

    // MARK: - Ingest

    /// Stores an accepted event with its attachments, outbox row and audit in one transaction, or finds the
    /// event it repeats: `ON CONFLICT` on the unique (source, dedupe key) holds when two instances store the
    /// same provider event at the same moment (the second waits for the first's commit, then finds it).
    package func accept(_ accepted: AcceptedEvent) async throws -> AcceptOutcome {
        let event = accepted.event
        let json = CompactJSONEncoder()
        let eventJSON = try json.string(event)
        let decisionJSON = try json.string(accepted.decision)
        let audit = accepted.audit.isEmpty ? nil : try StoredAuditRecord.json(accepted.audit)
        let files = event.attachments.enumerated().compactMap { position, attachment in
            attachment.data.map { (position: Int32(position), name: attachment.name, contentType: attachment.contentType, data: Data($0)) }
        }
        let logger = logger
        let due = clock.database(event.receivedAt)
        let search = SearchText.column(senderEmail: event.sender.email, senderName: event.sender.name, subject: event.subject)
        return try await connections.transaction { connection in
            let received = EpochMilliseconds.of(event.receivedAt)
            let inserted = try await connection.rows(
                """
                INSERT INTO event (id, source, kind, format, received_at, provider_event_id, dedupe_key, client_ip, content_type, outcome,
                    event, decision, raw_body, sender_email, sender_name, subject, search_text)
                VALUES (\(event.id.rawValue), \(event.source), \(event.kind.rawValue), \(event.format), \(received), \(event.providerEventID),
                    \(accepted.dedupeKey), \(event.clientIP), \(accepted.contentType), \(accepted.decision.outcome.name), \(eventJSON),
                    \(decisionJSON), \(accepted.rawBody), \(ColumnText.of(event.sender.email)), \(ColumnText.of(event.sender.name)),
                    \(ColumnText.of(event.subject)), \(search))
                ON CONFLICT (source, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
                RETURNING id
                """, logger: logger)
            if inserted.isEmpty, let key = accepted.dedupeKey {
                let first = try await connection.value(
                    "SELECT id FROM event WHERE source = \(event.source) AND dedupe_key = \(key)", as: String.self, logger: logger)
                return .duplicate(of: EventID(rawValue: first ?? ""))
            }
            for file in files {
                try await connection.execute(
                    """
                    INSERT INTO attachment (event_id, position, name, content_type, data)
                    VALUES (\(event.id.rawValue), \(file.position), \(file.name), \(file.contentType), \(file.data))
                    """, logger: logger)
            }
            if let draft = accepted.decision.draft {
                try await Self.insertDelivery(of: draft, refs: VendorRefs(), for: event, due: due, on: connection, logger: logger)
            }
            if let audit {
                try await Self.insertAudit(audit, eventID: event.id, deliveryID: nil, on: connection, logger: logger)
            }
            return .stored
        }
    }

    /// Inserts an outbox row, due at `due` (milliseconds of the database's clock), and links it into its
    /// conversation, as SQLite's store does: a draft without its own ticket or order reference continues the
    /// conversation any of the event's keys names at the destination; the event's keys then name that
    /// conversation (or the one this delivery opens). Notifies the instances at commit. Returns the row's id.
    ///
    /// Reading the conversation and writing it is one atomic step: the transaction first takes an advisory lock
    /// on each of its keys (`ConversationLocks`), so two messages of one new conversation stored at the same
    /// moment by two instances make one opener, not two. SQLite's single writer gives the same order.
    @discardableResult
    static func insertDelivery(
        of draft: TicketDraft, refs: VendorRefs, for event: InboundEvent, due: Int64, on connection: PostgresConnection, logger: Logger
    ) async throws -> Int64 {
        let keys = ConversationKeys(event: event)
        let threadable = draft.order == nil
        let conversationKeys = keys.continues + keys.introduces
        if threadable, !conversationKeys.isEmpty {
            try await ConversationLocks.lock(conversationKeys, at: draft.destination, on: connection, logger: logger)
        }
        var opener: Int64?
        if threadable, draft.replyTo == nil, !keys.continues.isEmpty {
            let rows = try await connection.rows(
                "SELECT key, delivery_id FROM conversation WHERE destination = \(draft.destination) AND key = ANY(\(keys.continues))",
                logger: logger)
            var openers: [String: Int64] = [:]
            for row in rows { openers[try row.text("key")] = try row.integer("delivery_id") }
            opener = keys.continues.lazy.compactMap { openers[$0] }.first
        }
        let json = CompactJSONEncoder()
        let id = try await connection.value(
            """
            INSERT INTO delivery (event_id, destination, status, attempts, next_attempt_at, draft, refs, created_at, updated_at,
                conversation_opener)
            VALUES (\(event.id.rawValue), \(draft.destination), \(DeliveryStatus.pending.rawValue), 0, \(due), \(try json.string(draft)),
                \(try json.string(refs)), \(due), \(due), \(opener))
            RETURNING id
            """, as: Int64.self, logger: logger)
        guard let id else { throw StoreError.unexpected("the delivery insert returned no id") }
        if threadable, !conversationKeys.isEmpty {
            try await connection.execute(
                """
                INSERT INTO conversation (destination, key, delivery_id)
                SELECT \(draft.destination), key, \(opener ?? id) FROM unnest(\(conversationKeys)::text[]) AS key
                ON CONFLICT DO NOTHING
                """, logger: logger)
        }
        try await connection.execute(PostgresQuery(unsafeSQL: "NOTIFY \(outboxChannel)"), logger: logger)
        return id
    }

    static func insertAudit(_ json: String, eventID: EventID, deliveryID: Int64?, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.execute(
            "INSERT INTO audit_batch (event_id, delivery_id, records) VALUES (\(eventID.rawValue), \(deliveryID), \(json))", logger: logger)
    }

    package func storedEvent(source: String, dedupeKey: String) async throws -> EventID? {
        try await connections.withConnection { connection in
            try await connection.value(
                "SELECT id FROM event WHERE source = \(source) AND dedupe_key = \(dedupeKey)", as: String.self, logger: logger
            ).map(EventID.init(rawValue:))
        }
    }

    /// The next assignee of a rotation: one statement that advances the stored turn, so instances taking
    /// turns at the same moment get different ones.
    package func nextAssignee(in rotation: AssigneeRotation) async throws -> Int {
        precondition(!rotation.pool.isEmpty, "a rotation has at least one assignee")
        let turns = try await connections.withConnection { connection in
            try await connection.value(
                """
                INSERT INTO rotation (key, turns) VALUES (\(rotation.key), 1)
                ON CONFLICT (key) DO UPDATE SET turns = rotation.turns + 1
                RETURNING turns
                """, as: Int64.self, logger: logger)
        }
        let turn = (turns ?? 1) - 1
        return rotation.pool[Int(turn % Int64(rotation.pool.count))]
    }

    package func checkReachable() async throws {
        try await connections.withConnection { connection in
            _ = try await connection.value("SELECT 1", as: Int32.self, logger: logger)
        }
    }
}
