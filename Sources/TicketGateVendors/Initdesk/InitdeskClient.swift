import TicketGateCore

/// Delivers to Initdesk: a message on the ticket the event belongs to. Initdesk's documented API cannot open
/// a ticket, so an event with no known ticket (no `reply_to`, no conversation the gateway knows) fails before
/// anything is sent.
struct InitdeskClient: VendorClient {
    static let noTicket =
        "Initdesk's API can only add messages to existing tickets, and this event names none: set reply_to, or route new conversations elsewhere"

    let requests: InitdeskRequests
    let connection: VendorConnection

    func deliver(_ job: DeliveryJob, journal: some DeliveryJournal) async -> DeliveryOutcome {
        guard let ticket = job.knownTicket else {
            return .permanent(DeliveryFailure(.invalidRequest, Self.noTicket))
        }
        do {
            let request = requests.createMessage(ticketSegment: PercentEncoding.component(ticket), draft: job.draft)
            let message = try await connection.send(request, journal: journal, as: InitdeskMessage.self)
            return .delivered(VendorRefs(ticketID: ticket, messageID: String(message.id)))
        } catch {
            return error.outcome
        }
    }
}
