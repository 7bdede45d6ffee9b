import Foundation
import TicketGateCore

/// Builds the Freshdesk requests of API v2 (docs/vendors/freshdesk.md): JSON, or `multipart/form-data` when
/// files go with it, the API key as Basic's user name with `X` as the password.
struct FreshdeskRequests: Sendable {
    /// The response header Freshdesk identifies each request with.
    static let requestIDHeader = "X-Request-Id"

    let builder: RequestBuilder

    init(destination: DestinationDefinition) {
        let credential = Data("\(destination.credential?.value ?? ""):X".utf8).base64EncodedString()
        builder = RequestBuilder(
            baseURL: destination.baseURL,
            commonHeaders: [("Authorization", "Basic \(credential)"), ("Accept", "application/json"), ("User-Agent", "ticketgate")],
            credentialHeaders: ["authorization"])
    }

    /// `POST /api/v2/tickets`: the requester by email (Freshdesk finds or adds the contact), the subject, the
    /// message as the description (the subject when the message is staff only: a description is always
    /// visible, so the message then follows as a private note), status, priority, type, group and responder
    /// as the rules chose, and the tags with the delivery's marker.
    func createTicket(_ job: DeliveryJob, email: String) -> VendorRequest {
        let draft = job.draft
        let ticket = FreshdeskNewTicket(
            email: email, name: draft.requester.name, subject: draft.subject,
            description: HTMLText.paragraphs(draft.staffOnly ? draft.subject : draft.message), status: draft.status.flatMap { Int($0) },
            priority: draft.vendorSetting(FreshdeskVendor.priorityKey)?.text.flatMap { FreshdeskVendor.priorities.firstIndex(of: $0) }.map { $0 + 1 },
            type: draft.vendorSetting(FreshdeskVendor.typeKey)?.text, groupID: draft.vendorSetting(FreshdeskVendor.groupKey)?.integer,
            responderID: draft.assignee, tags: draft.tags + [DeliveryDigest.marker(job)])
        let files = draft.staffOnly ? [] : job.files.filter { $0.data != nil }
        guard !files.isEmpty else { return builder.postJSON("/api/v2/tickets", ticket) }
        var form = MultipartForm()
        form.add("email", ticket.email)
        if let name = ticket.name { form.add("name", name) }
        form.add("subject", ticket.subject)
        form.add("description", ticket.description)
        for (key, value) in [
            ("status", ticket.status), ("priority", ticket.priority), ("group_id", ticket.groupID), ("responder_id", ticket.responderID),
        ] {
            if let value { form.add(key, String(value)) }
        }
        if let type = ticket.type { form.add("type", type) }
        for tag in ticket.tags { form.add("tags[]", tag) }
        for file in files { form.addFile("attachments[]", file) }
        return builder.postMultipart("/api/v2/tickets", form)
    }

    /// `GET /api/v2/tickets?email=…&order_by=created_at&order_type=desc`: the requester's newest tickets, to
    /// find one an earlier attempt created (the list has no index delay, unlike search).
    func findTickets(email: String) -> VendorRequest {
        builder.get("/api/v2/tickets", query: [("email", email), ("order_by", "created_at"), ("order_type", "desc")])
    }

    /// `GET /api/v2/tickets/{id}`: a ticket with its tags.
    func showTicket(id: Int64) -> VendorRequest {
        builder.get("/api/v2/tickets/\(id)")
    }

    /// `POST /api/v2/tickets/{id}/notes`: the message as a private note when staff only; otherwise a public
    /// note from outside (`incoming`) by the customer's contact when known.
    func createNote(ticketSegment: String, draft: TicketDraft, author: PlannedID?, files: [Attachment]) -> VendorRequest {
        let note = FreshdeskNewNote(
            body: HTMLText.paragraphs(draft.message), isPrivate: draft.staffOnly, incoming: draft.staffOnly ? nil : true,
            userID: draft.staffOnly ? nil : author)
        let path = "/api/v2/tickets/\(ticketSegment)/notes"
        let uploads = files.filter { $0.data != nil }
        guard !uploads.isEmpty else { return builder.postJSON(path, note) }
        var form = MultipartForm()
        form.add("body", note.body)
        form.add("private", note.isPrivate ? "true" : "false")
        if note.incoming == true { form.add("incoming", "true") }
        if let author = note.userID { form.add("user_id", author.text) }
        for file in uploads { form.addFile("attachments[]", file) }
        return builder.postMultipart(path, form)
    }

    /// The most conversations one page of `findConversations` holds (Freshdesk's maximum).
    static let pageSize = 100

    /// `GET /api/v2/tickets/{id}/conversations?per_page=100&page=…`: the ticket's notes and replies, oldest
    /// first, to find one an earlier attempt made but could not record.
    func findConversations(ticketSegment: String, page: Int) -> VendorRequest {
        builder.get("/api/v2/tickets/\(ticketSegment)/conversations", query: [("per_page", String(Self.pageSize)), ("page", String(page))])
    }

    /// `GET /api/v2/contacts?email=…`: the customer's contact, so a follow-up is theirs.
    func findContact(email: String) -> VendorRequest {
        builder.get("/api/v2/contacts", query: [("email", email)])
    }
}
