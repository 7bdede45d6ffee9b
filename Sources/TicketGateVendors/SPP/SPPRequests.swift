import TicketGateCore

/// Builds the SPP API requests the seed documents describe.
struct SPPRequests: Sendable {
    /// The API version the requests are written against.
    static let apiVersion = "2024-03-05"
    /// The response header SPP identifies each request with.
    static let requestIDHeader = "X-Api-Identifier"

    let builder: RequestBuilder

    init(destination: DestinationDefinition) {
        builder = RequestBuilder(
            baseURL: destination.baseURL,
            commonHeaders: [
                ("Authorization", "Bearer \(destination.credential?.value ?? "")"),
                ("Accept", "application/json"),
                ("X-Api-Version", Self.apiVersion),
                ("User-Agent", "ticketgate"),
            ],
            credentialHeaders: ["authorization"]
        )
    }

    /// `GET /api/clients?filters[email][$eq]=…`
    func findClient(email: String) -> VendorRequest {
        builder.get("/api/clients", query: [("filters[email][$eq]", email)])
    }

    /// `POST /api/clients` with the email and, when known, the first and last name.
    func createClient(_ requester: Party, email: String) -> VendorRequest {
        let (first, last) = Self.splitName(requester.name)
        return builder.postJSON("/api/clients", SPPStoreClientRequest(email: email, firstName: first, lastName: last))
    }

    /// `POST /api/tickets`: subject, tags, employees ← assignee, note and metadata as the rules chose.
    func createTicket(userID: SPPUserRef, draft: TicketDraft) -> VendorRequest {
        let body = SPPStoreTicketRequest(
            userID: userID,
            subject: draft.subject,
            status: draft.status.flatMap { Int($0) },
            tags: draft.tags.isEmpty ? nil : draft.tags,
            employees: draft.assignee.map { [$0] },
            note: draft.note,
            metadata: draft.metadata.isEmpty ? nil : draft.metadata
        )
        return builder.postJSON("/api/tickets", body)
    }

    /// `POST /api/ticket_messages/{ticket}`: the message, written as the client, staff-only as the rules chose.
    /// `ticketSegment` is the ticket id as it appears in the path (percent-encoded), or a dry-run placeholder.
    func createMessage(ticketSegment: String, userID: SPPUserRef?, draft: TicketDraft, files: [Attachment]) -> VendorRequest {
        message(to: "/api/ticket_messages/\(ticketSegment)", userID: userID, draft: draft, files: files)
    }

    /// `POST /api/order_messages/{order}`: the message on the order the event is about.
    func createOrderMessage(orderSegment: String, userID: SPPUserRef?, draft: TicketDraft, files: [Attachment]) -> VendorRequest {
        message(to: "/api/order_messages/\(orderSegment)", userID: userID, draft: draft, files: files)
    }

    /// A message as JSON, or, when the event brought files, as `multipart/form-data` with each file an
    /// `attachments[]` part (the seed types `attachments` as an array of binary strings).
    private func message(to path: String, userID: SPPUserRef?, draft: TicketDraft, files: [Attachment]) -> VendorRequest {
        let uploads = files.filter { $0.data != nil }
        guard !uploads.isEmpty else {
            return builder.postJSON(path, SPPStoreMessageRequest(message: draft.message, userID: userID, staffOnly: draft.staffOnly))
        }
        var form = MultipartForm()
        form.add("message", draft.message)
        if let userID { form.add("user_id", userID.text) }
        form.add("staff_only", draft.staffOnly ? "1" : "0")
        for file in uploads {
            form.addFile("attachments[]", file)
        }
        return builder.postMultipart(path, form)
    }

    /// "Jane Q. Doe" → ("Jane", "Q. Doe"); a single word is the first name.
    static func splitName(_ name: String?) -> (first: String?, last: String?) {
        guard let words = name?.split(whereSeparator: \.isWhitespace), let first = words.first else { return (nil, nil) }
        let rest = words.dropFirst().joined(separator: " ")
        return (String(first), rest.isEmpty ? nil : rest)
    }
}
