/// Records what happens during a delivery attempt, as it happens.
package protocol DeliveryJournal: Sendable {
    /// Adds an audit record (a vendor call, a dry-run request) to the attempt.
    func note(_ record: AuditRecord)
    /// Saves the vendor ids learned so far, with the records noted so far, before the client goes on.
    func checkpoint(_ refs: VendorRefs) async throws
}

/// Sends drafts to one destination. Never throws: every attempt ends as a `DeliveryOutcome`.
package protocol VendorClient: Sendable {
    func deliver(_ job: DeliveryJob, journal: some DeliveryJournal) async -> DeliveryOutcome
}

/// Writes out the requests a client would send for a delivery, without sending them.
package protocol VendorPlanner: Sendable {
    /// The requests in order, or the failure the live client would end with before sending anything.
    func plan(_ job: DeliveryJob) -> Result<[RenderedRequest], DeliveryFailure>
}
