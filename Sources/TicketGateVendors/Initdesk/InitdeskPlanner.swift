import TicketGateCore

/// Writes out the Initdesk request a delivery would send, for dry run and `explain`.
struct InitdeskPlanner: VendorPlanner {
    let requests: InitdeskRequests

    func plan(_ job: DeliveryJob) -> Result<[RenderedRequest], DeliveryFailure> {
        guard let ticket = PlannedTicket.segment(for: job) else {
            return .failure(DeliveryFailure(.invalidRequest, InitdeskClient.noTicket))
        }
        return .success([requests.createMessage(ticketSegment: ticket, draft: job.draft).rendered()])
    }
}
