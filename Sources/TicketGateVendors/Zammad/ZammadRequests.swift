import Foundation
import TicketGateCore

/// Builds the Zammad requests of REST API v1 (docs/vendors/zammad.md): JSON, with
/// `Authorization: Token token=…`.
struct ZammadRequests: Sendable {
    /// The response header Zammad identifies each request with.
    static let requestIDHeader = "X-Request-Id"

    let builder: RequestBuilder
    /// The group new tickets go to unless a rule names another.
    let group: String

    init(destination: DestinationDefinition) {
        builder = RequestBuilder(
            baseURL: destination.baseURL,
            commonHeaders: [
                ("Authorization", "Token token=\(destination.credential?.value ?? "")"), ("Accept", "application/json"), ("User-Agent", "ticketgate"),
            ],
            credentialHeaders: ["authorization"])
        group = destination.text(ZammadVendor.groupKey) ?? ""
    }

    /// The longest title Zammad's ticket attribute takes, and the longest note its column holds.
    static let titleLimit = 200
    static let noteLimit = 250

    /// `POST /api/v1/tickets`: the title (cut to 200 characters; the article's subject keeps it whole), the
    /// group (the rules' or the destination's), the customer found or created by email (`guess:`), state,
    /// priority, owner and note as the rules chose, the tags with the delivery's marker, and the message as the
    /// first article.
    func createTicket(_ job: DeliveryJob, email: String) -> VendorRequest {
        let draft = job.draft
        let ticket = ZammadNewTicket(
            title: Self.cut(draft.subject, to: Self.titleLimit), group: draft.vendorSetting(ZammadVendor.groupKey)?.text ?? group,
            customerID: "guess:\(email)",
            state: draft.status, priority: draft.vendorSetting(ZammadVendor.priorityKey)?.text, ownerID: draft.assignee,
            note: draft.note.map { Self.cut($0, to: Self.noteLimit) },
            tags: (draft.tags + [DeliveryDigest.marker(job)]).joined(separator: ","), article: ZammadArticle(draft: draft, files: job.files))
        return builder.postJSON("/api/v1/tickets", ticket)
    }

    /// `text`, or its first `limit - 1` characters and `…`.
    static func cut(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : text.prefix(limit - 1) + "…"
    }

    /// `GET /api/v1/tags?object=Ticket&o_id=…`: a ticket's tags, to confirm a search's answer.
    func tags(ofTicket id: Int) -> VendorRequest {
        builder.get("/api/v1/tags", query: [("object", "Ticket"), ("o_id", String(id))])
    }

    /// `POST /api/v1/tickets/search` of the tickets tagged with the delivery's marker: a condition, which
    /// Zammad answers from its database, so a ticket just created is found (a `query` goes to its search
    /// index, which lags).
    func findTickets(_ job: DeliveryJob) -> VendorRequest {
        builder.postJSON("/api/v1/tickets/search", ZammadTagSearch(tag: DeliveryDigest.marker(job)))
    }

    /// `POST /api/v1/ticket_articles`: the message as an article of the ticket.
    func createArticle(ticket: PlannedID, draft: TicketDraft, files: [Attachment]) -> VendorRequest {
        builder.postJSON("/api/v1/ticket_articles", ZammadArticle(ticketID: ticket, draft: draft, files: files))
    }

    /// `GET /api/v1/ticket_articles/by_ticket/{id}`: the ticket's articles, to find one an earlier attempt made
    /// but could not record.
    func findArticles(ticketSegment: String) -> VendorRequest {
        builder.get("/api/v1/ticket_articles/by_ticket/\(ticketSegment)")
    }
}
