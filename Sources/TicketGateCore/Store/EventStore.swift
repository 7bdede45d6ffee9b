import Foundation

/// Durable storage for events, their outbox and their audit trail.
package protocol EventStore: Sendable {
    /// Stores the event, its decision, its outbox rows, its attachments and its audit records in one
    /// transaction, unless an event with the same dedupe key came from the same source before.
    func accept(_ accepted: AcceptedEvent) async throws -> AcceptOutcome

    /// The event stored earlier from `source` with `dedupeKey`, if any: a duplicate is answered before the rules
    /// run. `accept` checks again, in its transaction.
    func storedEvent(source: String, dedupeKey: String) async throws -> EventID?

    /// The next assignee of a rotation, advancing it; the turn is stored, so it survives restarts.
    func nextAssignee(in rotation: AssigneeRotation) async throws -> Int

    /// Leases up to `limit` deliveries to `destinations` that are due at `now`, counting an attempt for each.
    /// A delivery that continues a conversation waits while the delivery that opened it is pending.
    func claimDueDeliveries(now: Date, limit: Int, leaseUntil: Date, destinations: DestinationFilter) async throws -> [DeliveryJob]

    /// Saves the vendor ids learned so far by an attempt still running, with its audit records. Nothing is
    /// written when `claim` (the job's) no longer holds the delivery.
    func saveProgress(deliveryID: Int64, eventID: EventID, claim: UUID?, refs: VendorRefs, audit: [AuditRecord]) async throws

    /// Ends an attempt: records its result and its audit records in one transaction. Nothing is written when
    /// `claim` (the job's) no longer holds the delivery.
    func finishAttempt(deliveryID: Int64, eventID: EventID, claim: UUID?, result: DeliveryResult, audit: [AuditRecord]) async throws

    /// Moves a running attempt's lease on to `until`, so no other instance takes the delivery over while the
    /// attempt is alive; false when the claim no longer holds the row (its lease ended and another took it).
    func extendLease(deliveryID: Int64, claim: UUID?, until: Date) async throws -> Bool

    /// Makes the deliveries to `destination` that wait for a paused credential due at `now`, returning how many.
    func resumeWaitingDeliveries(to destination: String, now: Date) async throws -> Int

    /// Makes the attempts that were running when the last process stopped due again, returning how many.
    /// Called once at startup by the process that delivers. A store shared by several instances releases
    /// nothing here: another instance's attempts may be running, and a stopped one's lease runs out.
    func releaseInterruptedAttempts() async throws -> Int

    /// Throws when the store cannot be read.
    func checkReachable() async throws

    /// Everything stored about one event, or `nil` when there is no such event.
    func report(for id: EventID) async throws -> EventReport?

    /// The normalized event alone, or `nil` when there is no such event.
    func event(_ id: EventID) async throws -> InboundEvent?
}

/// Which destinations' deliveries a claim may take.
package enum DestinationFilter: Sendable, Equatable {
    case all
    /// Every destination but these: the paused ones.
    case except(Set<String>)
    /// This destination only: a probe of a paused one.
    case only(String)
}

extension EventStore {
    /// Leases up to `limit` due deliveries to any destination.
    package func claimDueDeliveries(now: Date, limit: Int, leaseUntil: Date) async throws -> [DeliveryJob] {
        try await claimDueDeliveries(now: now, limit: limit, leaseUntil: leaseUntil, destinations: .all)
    }
}
