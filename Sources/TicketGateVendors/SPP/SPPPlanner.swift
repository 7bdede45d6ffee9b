import TicketGateCore

/// Writes out the SPP requests a delivery would send, for dry run and `explain`. Ids that SPP would
/// return are shown as placeholders.
struct SPPPlanner: VendorPlanner {
    static let clientPlaceholder = PlannedID.placeholder("<id of the client found or created above>")
    static let ticketPlaceholder = "{id of the ticket created above}"

    let requests: SPPRequests

    func plan(_ job: DeliveryJob) -> Result<[RenderedRequest], DeliveryFailure> {
        let (draft, refs) = (job.draft, job.refs)
        var plan: [RenderedRequest] = []
        var author = refs.clientID.flatMap { Int64($0) }.map(PlannedID.id)
        /// Finds or creates the client, when the message needs one and none is known yet.
        func lookUpClient() {
            guard author == nil, let email = draft.requester.email else { return }
            plan.append(requests.findClient(email: email).rendered())
            plan.append(requests.createClient(draft.requester, email: email).rendered(condition: "only when the lookup finds no client"))
            author = Self.clientPlaceholder
        }
        if let order = draft.order {
            if refs.messageID == nil {
                lookUpClient()
                let request = requests.createMessage(
                    in: .order(PercentEncoding.component(order)), userID: author, draft: draft, files: job.files)
                plan.append(request.rendered())
            }
            return .success(plan)
        }
        var ticketSegment = PlannedTicket.segment(for: job)
        if ticketSegment == nil {
            guard draft.requester.email != nil || author != nil else {
                return .failure(DeliveryFailure(.invalidRequest, SPPClient.missingEmail))
            }
            lookUpClient()
            plan.append(requests.createTicket(userID: author ?? Self.clientPlaceholder, draft: draft, event: job.eventID).rendered())
            ticketSegment = Self.ticketPlaceholder
        }
        if refs.messageID == nil, let ticketSegment {
            lookUpClient()
            plan.append(requests.createMessage(in: .ticket(ticketSegment), userID: author, draft: draft, files: job.files).rendered())
        }
        return .success(plan)
    }
}
