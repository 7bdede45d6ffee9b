import TicketGateCore

/// Writes out the SPP requests a delivery would send, for dry run and `explain`. Ids that SPP would
/// return are shown as placeholders.
struct SPPPlanner: VendorPlanner {
    static let clientPlaceholder = SPPUserRef.placeholder("<id of the client found or created above>")
    static let ticketPlaceholder = "{id of the ticket created above}"

    let requests: SPPRequests

    func plan(_ draft: TicketDraft, refs: VendorRefs) -> Result<[RenderedRequest], DeliveryFailure> {
        var plan: [RenderedRequest] = []
        var author = refs.clientID.flatMap { Int($0) }.map(SPPUserRef.id)
        var ticketSegment = refs.ticketID.map(RequestBuilder.encodeComponent)
        if ticketSegment == nil {
            if author == nil {
                guard let email = draft.requester.email else {
                    return .failure(DeliveryFailure(.invalidRequest, SPPClient.missingEmail))
                }
                plan.append(requests.findClient(email: email).rendered())
                plan.append(requests.createClient(draft.requester, email: email).rendered(condition: "only when the lookup finds no client"))
                author = Self.clientPlaceholder
            }
            plan.append(requests.createTicket(userID: author ?? Self.clientPlaceholder, draft: draft).rendered())
            ticketSegment = Self.ticketPlaceholder
        }
        if refs.messageID == nil, let ticketSegment {
            plan.append(requests.createMessage(ticketSegment: ticketSegment, userID: author, draft: draft).rendered())
        }
        return .success(plan)
    }
}
