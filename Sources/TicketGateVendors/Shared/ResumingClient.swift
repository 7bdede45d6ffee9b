import TicketGateCore

/// A client whose attempt resumes from the ids earlier attempts saved (`DeliveryJob.refs`) and answers the
/// ids it ends with, or stops; `deliver` turns either into the attempt's outcome.
protocol ResumingClient: VendorClient {
    func run(_ job: DeliveryJob, journal: some DeliveryJournal) async throws(DeliveryStop) -> VendorRefs
}

extension ResumingClient {
    func deliver(_ job: DeliveryJob, journal: some DeliveryJournal) async -> DeliveryOutcome {
        do {
            return .delivered(try await run(job, journal: journal))
        } catch {
            return error.outcome
        }
    }
}
