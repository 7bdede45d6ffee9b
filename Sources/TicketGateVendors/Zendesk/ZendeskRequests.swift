import Foundation
import TicketGateCore

/// Builds the Zendesk requests of the Ticketing API (docs/vendors/zendesk.md): JSON with
/// `Accept: application/json`; an API token as Basic `{email}/token:{token}` when the destination names the
/// agent's `email`, else the token as an OAuth bearer token (Zendesk retires API tokens on 30 April 2027).
struct ZendeskRequests: Sendable {
    /// The response header Zendesk identifies each request with.
    static let requestIDHeader = "X-Zendesk-Request-Id"

    let builder: RequestBuilder

    init(destination: DestinationDefinition) {
        let token = destination.credential?.value ?? ""
        let authorization =
            if let email = destination.text(ZendeskVendor.emailKey) {
                "Basic " + Data("\(email)/token:\(token)".utf8).base64EncodedString()
            } else {
                "Bearer \(token)"
            }
        builder = RequestBuilder(
            baseURL: destination.baseURL,
            commonHeaders: [("Authorization", authorization), ("Accept", "application/json"), ("User-Agent", "ticketgate")],
            credentialHeaders: ["authorization"])
    }

    /// The `external_id` that ties a ticket to the delivery that created it.
    static func externalID(_ job: DeliveryJob) -> String {
        "ticketgate:\(job.eventID.rawValue):\(job.id)"
    }

    /// `POST /api/v2/tickets`: the subject, the message as the first comment (an internal note when staff
    /// only), the requester by email (Zendesk finds or creates them), tags, assignee, group, brand, priority,
    /// type and status as the rules chose, and the delivery's `external_id`. Its `Idempotency-Key` names the
    /// delivery and the body's digest: a retry that sends the same body gets the ticket Zendesk already made.
    /// A retry with files uploads them again, so its body (the upload tokens) and its key differ; the
    /// `external_id` lookup before it finds the ticket instead.
    func createTicket(_ job: DeliveryJob, uploads: [String]) -> VendorRequest {
        let draft = job.draft
        let ticket = ZendeskNewTicket(
            subject: draft.subject, comment: comment(draft, author: nil, uploads: uploads),
            requester: draft.requester.email.map { ZendeskRequester(name: draft.requester.name, email: $0) },
            tags: draft.tags.isEmpty ? nil : draft.tags, assigneeID: draft.assignee,
            groupID: draft.vendorSetting(ZendeskVendor.groupKey)?.integer, brandID: draft.brand,
            priority: draft.vendorSetting(ZendeskVendor.priorityKey)?.text, type: draft.vendorSetting(ZendeskVendor.typeKey)?.text,
            status: draft.status, externalID: Self.externalID(job))
        var request = builder.postJSON("/api/v2/tickets", ZendeskTicketEnvelope(ticket: ticket))
        request.headers.append(("Idempotency-Key", "ticketgate-\(job.eventID.rawValue)-\(job.id)-\(DeliveryDigest.hex(request.body ?? Data()))"))
        return request
    }

    /// `GET /api/v2/tickets?external_id=…`: the ticket an earlier attempt may have created.
    func findTickets(_ job: DeliveryJob) -> VendorRequest {
        builder.get("/api/v2/tickets", query: [("external_id", Self.externalID(job))])
    }

    /// `PUT /api/v2/tickets/{id}`: the message as a comment by `author`, public unless staff only. A comment
    /// by nobody Zendesk knows as the requester is an internal note: a public comment by the API's agent would
    /// be mailed to the requester as the agent's reply.
    func addComment(ticketSegment: String, draft: TicketDraft, author: PlannedID?, uploads: [String]) -> VendorRequest {
        var made = comment(draft, author: author, uploads: uploads)
        made.isPublic = made.isPublic && author != nil
        return builder.putJSON("/api/v2/tickets/\(ticketSegment)", ZendeskTicketEnvelope(ticket: ZendeskTicketUpdate(comment: made)))
    }

    /// `GET /api/v2/tickets/{id}/comments?sort_order=desc`: the newest comments, to find one an earlier
    /// attempt made but could not record.
    func findComments(ticketSegment: String) -> VendorRequest {
        builder.get("/api/v2/tickets/\(ticketSegment)/comments", query: [("sort_order", "desc")])
    }

    /// `GET /api/v2/tickets/{id}?include=users`: the ticket with its users side-loaded, to learn whether the
    /// event's sender is its requester.
    func showTicket(ticketSegment: String) -> VendorRequest {
        builder.get("/api/v2/tickets/\(ticketSegment)", query: [("include", "users")])
    }

    /// `POST /api/v2/uploads?filename=…`: the file's bytes, with its own content type.
    func upload(_ file: Attachment, bytes: Data) -> VendorRequest {
        builder.postFile("/api/v2/uploads", query: [("filename", Attachment.safeName(file.name))], file, bytes: bytes)
    }

    /// The message as HTML, with `{{` written `\{{`: Zendesk expands placeholders in a comment, and a
    /// customer's text must not read the ticket's data into it (docs/vendors/zendesk.md, "Placeholders").
    private func comment(_ draft: TicketDraft, author: PlannedID?, uploads: [String]) -> ZendeskComment {
        ZendeskComment(
            htmlBody: HTMLText.paragraphs(draft.message).replacingOccurrences(of: "{{", with: "\\{{"), isPublic: !draft.staffOnly, authorID: author,
            uploads: uploads.isEmpty ? nil : uploads)
    }
}
