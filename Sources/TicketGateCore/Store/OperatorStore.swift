import Foundation

/// What operators, metrics and housekeeping need from the store beyond the pipeline: finding events, putting
/// dead deliveries back in the outbox, replaying an event, counting, and pruning.
package protocol OperatorStore: EventStore {
    /// Runs the store's connections and background work until the task is cancelled. Operations on PostgreSQL
    /// wait for it to run, and fail once it has returned (SQLite's need nothing of it), so whoever opens a store
    /// runs it for as long as they use it (`whileRunning(_:)`).
    func run() async

    /// A page of events, newest first, that match `query`.
    func listEvents(_ query: EventQuery) async throws -> EventPage

    /// Puts the selected deliveries whose status is one of `statuses` back in the outbox, due at `now` with
    /// their attempts reset, each with `audit`; returns the ones requeued.
    func requeueDeliveries(_ selection: DeliverySelection, statuses: Set<DeliveryStatus>, now: Date, audit: AuditRecord) async throws
        -> [DeliverySummary]

    /// Adds deliveries to a stored event (a replay), each with the ids it starts from, and `audit` for the event.
    func addDeliveries(to event: EventID, _ deliveries: [(draft: TicketDraft, refs: VendorRefs)], now: Date, audit: [AuditRecord]) async throws
        -> [DeliverySummary]

    /// The events that arrived since `since`, by the hour they arrived in (hours with none left out), oldest
    /// first, with the status of their deliveries now.
    func activity(since: Date) async throws -> [ActivityHour]
    /// At most `limit` stored events received at `since` or later, newest first, each with the decision it got;
    /// `cursor` (a `DecidedEvent.cursor`) continues after an earlier page.
    func decidedEvents(since: Date?, before cursor: String?, limit: Int) async throws -> [DecidedEvent]
    /// How many deliveries each destination has in each status; of `statuses` only, when given.
    func deliveryCounts(statuses: [DeliveryStatus]?) async throws -> [String: [DeliveryStatus: Int]]

    /// How many pending deliveries are due at `now`, and since when the oldest of them has been.
    func outboxBacklog(now: Date) async throws -> OutboxBacklog

    /// How many events, deliveries and audit records the store holds.
    func counts() async throws -> StoreCounts

    /// Deletes what is older than the retention allows; returns what went.
    func prune(_ retention: RetentionCutoffs) async throws -> PruneResult

    /// Records that the console session `nonce` signed out, until it would have expired at `expiresAt`, so every
    /// instance refuses its cookie; forgets sign-outs whose sessions expired before `now`.
    func recordSignOut(nonce: String, expiresAt: Date, now: Date) async throws

    /// Whether the console session `nonce` signed out.
    func isSignedOut(nonce: String) async throws -> Bool
}

/// Which deliveries an operator acts on.
package enum DeliverySelection: Sendable, Equatable {
    case delivery(Int64)
    case destination(String)
}

/// The pending deliveries due now.
package struct OutboxBacklog: Sendable, Equatable {
    package var due: Int
    /// When the longest-waiting due delivery fell due.
    package var oldestDueAt: Date?

    package init(due: Int, oldestDueAt: Date?) {
        self.due = due
        self.oldestDueAt = oldestDueAt
    }
}

/// Where retention cuts: raw bodies and posted files before `rawBefore`, whole events (with their deliveries
/// and audit) before `eventsBefore`, once nothing of theirs is still pending.
package struct RetentionCutoffs: Sendable, Equatable {
    package var rawBefore: Date
    package var eventsBefore: Date

    package init(rawBefore: Date, eventsBefore: Date) {
        self.rawBefore = rawBefore
        self.eventsBefore = eventsBefore
    }
}

/// What a prune removed.
package struct PruneResult: Sendable, Equatable {
    package var rawBodies: Int
    package var events: Int

    package init(rawBodies: Int, events: Int) {
        self.rawBodies = rawBodies
        self.events = events
    }
}

extension OperatorStore {
    /// `body`'s result, with the store running (`run()`) while `body` works, and stopped when it is done.
    package func whileRunning<Result: Sendable>(
        isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> Result
    ) async throws -> Result {
        try await withThrowingTaskGroup(of: Void.self, isolation: isolation) { group in
            group.addTask { await self.run() }
            defer { group.cancelAll() }
            return try await body()
        }
    }
}
