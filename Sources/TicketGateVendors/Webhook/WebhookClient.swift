import Foundation
import TicketGateCore

/// Delivers a webhook: one signed POST. Every attempt of a delivery carries the same `webhook-id` and
/// `Idempotency-Key`, so a receiver that got a message whose answer was lost drops the repeat. A follow-up
/// names the message that opened its conversation.
struct WebhookClient: VendorClient {
    let requests: WebhookRequests
    let connection: VendorConnection

    func deliver(_ job: DeliveryJob, journal: some DeliveryJournal) async -> DeliveryOutcome {
        let request: VendorRequest
        switch requests.post(job, sentAt: Date()) {
        case .success(let built): request = built
        case .failure(let failure): return .permanent(failure)
        }
        do {
            _ = try await connection.send(request, journal: journal)
            let id = WebhookRequests.messageID(job)
            // The message that opens a conversation stands for its ticket: later events of the conversation
            // name it as `conversation`.
            return .delivered(VendorRefs(ticketID: job.knownTicket ?? id, messageID: id))
        } catch {
            return error.outcome
        }
    }
}
