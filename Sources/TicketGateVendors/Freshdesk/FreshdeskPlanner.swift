import TicketGateCore

/// Writes out the Freshdesk requests a delivery would send, for dry run and `explain`. Ids Freshdesk would
/// return are shown as placeholders.
struct FreshdeskPlanner: VendorPlanner {
    static let ticketPlaceholder = "{id of the ticket created above}"
    static let authorPlaceholder = PlannedID.placeholder("<id of the contact found above, if any>")
    static let requesterPlaceholder = PlannedID.placeholder("<requester_id of the ticket created above>")

    let requests: FreshdeskRequests

    func plan(_ job: DeliveryJob) -> Result<[RenderedRequest], DeliveryFailure> {
        let draft = job.draft
        var plan: [RenderedRequest] = []
        var segment = PlannedTicket.segment(for: job)
        var author = job.refs.clientID.flatMap { Int64($0) }.map(PlannedID.id)
        if segment == nil {
            guard let email = draft.requester.email else { return .failure(DeliveryFailure(.invalidRequest, FreshdeskClient.missingEmail)) }
            plan.append(requests.createTicket(job, email: email).rendered())
            guard draft.staffOnly else { return .success(plan) }
            segment = Self.ticketPlaceholder
            author = Self.requesterPlaceholder
        }
        if !draft.staffOnly, author == nil, let email = draft.requester.email {
            plan.append(requests.findContact(email: email).rendered())
            author = Self.authorPlaceholder
        }
        plan.append(requests.createNote(ticketSegment: segment ?? "", draft: draft, author: author, files: job.files).rendered())
        return .success(plan)
    }
}
