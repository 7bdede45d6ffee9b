import TicketGateCore

/// Writes out the Zammad requests a delivery would send, for dry run and `explain`.
struct ZammadPlanner: VendorPlanner {
    let requests: ZammadRequests

    func plan(_ job: DeliveryJob) -> Result<[RenderedRequest], DeliveryFailure> {
        guard let segment = PlannedTicket.segment(for: job) else {
            guard let email = job.draft.requester.email else { return .failure(DeliveryFailure(.invalidRequest, ZammadClient.missingEmail)) }
            return .success([requests.createTicket(job, email: email).rendered()])
        }
        let ticket: PlannedID
        if let id = Int64(segment) {
            ticket = .id(id)
        } else if job.knownTicket == nil {
            ticket = .placeholder(segment)
        } else {
            return .failure(DeliveryFailure(.invalidRequest, ZammadClient.unknownTicket))
        }
        return .success([requests.createArticle(ticket: ticket, draft: job.draft, files: job.files).rendered()])
    }
}
