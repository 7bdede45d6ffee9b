import Foundation
import TicketGateCore

/// Writes out the Zendesk requests a delivery would send, for dry run and `explain`. Ids Zendesk would return
/// are shown as placeholders.
struct ZendeskPlanner: VendorPlanner {
    static let authorPlaceholder = PlannedID.placeholder("<requester_id of the ticket above, when the sender is its requester>")

    let requests: ZendeskRequests

    func plan(_ job: DeliveryJob) -> Result<[RenderedRequest], DeliveryFailure> {
        var plan: [RenderedRequest] = []
        let files = job.files.filter { $0.data != nil }
        let uploads = files.indices.map { "<token of upload \($0 + 1)>" }
        for file in files {
            plan.append(requests.upload(file, bytes: Data(file.data ?? [])).rendered())
        }
        guard let segment = PlannedTicket.segment(for: job) else {
            plan.append(requests.createTicket(job, uploads: uploads).rendered())
            return .success(plan)
        }
        var author: PlannedID?
        if job.draft.requester.email != nil {
            plan.insert(requests.showTicket(ticketSegment: segment).rendered(), at: 0)
            author = Self.authorPlaceholder
        }
        plan.append(requests.addComment(ticketSegment: segment, draft: job.draft, author: author, uploads: uploads).rendered())
        return .success(plan)
    }
}
