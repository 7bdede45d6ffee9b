import TicketGateCore

/// Writes out the Omnidesk request a delivery would send, for dry run and `explain`; the live client builds
/// its requests through the same checks, so a draft Omnidesk would refuse fails before anything is sent.
struct OmnideskPlanner: VendorPlanner {
    let requests: OmnideskRequests

    /// A message on the known ticket, else the chatbot call. (A conversation opened by the chatbot has no
    /// ticket id to continue, in a dry run as in a live delivery.)
    func plan(_ job: DeliveryJob) -> Result<[RenderedRequest], DeliveryFailure> {
        let request = job.knownTicket.map { Self.message(requests, ticketID: $0, draft: job.draft) } ?? Self.chatbot(requests, draft: job.draft)
        return request.map { [$0.rendered()] }
    }

    /// The chatbot call, or why Omnidesk would refuse it: it needs a brand and a sender.
    static func chatbot(_ requests: OmnideskRequests, draft: TicketDraft) -> Result<VendorRequest, DeliveryFailure> {
        guard let brand = draft.brand ?? requests.settings.brand else {
            return .failure(
                DeliveryFailure(.invalidRequest, "Omnidesk needs a brandID to open a conversation: set brand in the rules or on the destination"))
        }
        guard let from = OmnideskRequests.from(draft) else {
            return .failure(DeliveryFailure(.invalidRequest, "Omnidesk needs the sender's address or name for 'from', and the event has neither"))
        }
        return .success(requests.chatbot(brand: brand, from: from, draft: draft))
    }

    /// The message on a known ticket, or why Omnidesk would refuse it: a numeric ticket id and a message of at
    /// least five characters.
    static func message(_ requests: OmnideskRequests, ticketID: String, draft: TicketDraft) -> Result<VendorRequest, DeliveryFailure> {
        guard !ticketID.isEmpty, ticketID.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            return .failure(DeliveryFailure(.invalidRequest, "Omnidesk ticket ids are numbers, and the reference is '\(ticketID)'"))
        }
        guard let text = OmnideskRequests.messageText(draft) else {
            return .failure(
                DeliveryFailure(
                    .invalidRequest,
                    "the message is shorter than the \(OmnideskRequests.minimumMessageLength) characters Omnidesk requires, even after the subject"))
        }
        return .success(requests.message(ticketID: ticketID, text: text, draft: draft))
    }
}
