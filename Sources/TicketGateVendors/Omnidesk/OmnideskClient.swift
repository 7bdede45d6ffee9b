import Foundation
import TicketGateCore

/// Delivers to Omnidesk. A new conversation is one `POST /api/v2/message/chatbot`; an event with a known
/// ticket (a rule's `reply_to`, or the conversation it continues) is a `POST /api/v2/message` on it. Neither
/// call returns an id, so the chatbot's ticket cannot be remembered: the audit says so, and follow-ups need a
/// `reply_to` reference to find it.
struct OmnideskClient: ResumingClient {
    static let noTicketID =
        "Omnidesk's chatbot call returns no ticket id, so later messages of this conversation open new tickets unless a rule's reply_to names the ticket"

    let requests: OmnideskRequests
    let connection: VendorConnection

    func run(_ job: DeliveryJob, journal: some DeliveryJournal) async throws(DeliveryStop) -> VendorRefs {
        var refs = job.refs
        if let ticket = job.knownTicket {
            let request = try OmnideskPlanner.message(requests, ticketID: ticket, draft: job.draft).get()
            try await send(request, journal: journal)
            refs.ticketID = ticket
            return refs
        }
        let request = try OmnideskPlanner.chatbot(requests, draft: job.draft).get()
        try await send(request, journal: journal)
        journal.note(AuditRecord(stage: .threaded, at: Date(), summary: Self.noTicketID))
        return refs
    }

    /// Sends `request`. Omnidesk answers success with no content or `{"type":"result"}`; a 2xx that says
    /// `"status":"error"` is a refusal all the same.
    private func send(_ request: VendorRequest, journal: some DeliveryJournal) async throws(DeliveryStop) {
        let response = try await connection.send(request, journal: journal)
        if let body = try? JSONDecoder().decode(JSONValue.self, from: response.body), body["status"]?.string == "error" {
            let message = body["message"]?.scalarText ?? "no message"
            throw .permanent(
                .rejected, "Omnidesk answered \(response.status) to \(request.method) \(request.pathWithoutQuery) with an error: \(message)")
        }
    }
}
