import Foundation
import TicketGateCore

/// Writes out the webhook's POST, for dry run and `explain`; the signature is shown as a placeholder.
struct WebhookPlanner: VendorPlanner {
    let requests: WebhookRequests

    func plan(_ job: DeliveryJob) -> Result<[RenderedRequest], DeliveryFailure> {
        requests.post(job, sentAt: Date()).map { [$0.rendered()] }
    }
}
