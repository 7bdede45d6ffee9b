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

    /// The metadata entry that ties a ticket to the event it was created for.
    static func marker(for event: EventID) -> String {
        "ticketgate:\(event)"
    }

    /// `GET /api/tickets?filters[user_id][$eq]=…&sort=id:desc&limit=20`: the client's newest tickets, to find
    /// one an earlier attempt created but could not record.
    func findTickets(userID: Int) -> VendorRequest {
        builder.get("/api/tickets", query: [("filters[user_id][$eq]", String(userID)), ("sort", "id:desc"), ("limit", "20")])
    }

    /// `GET /api/ticket_messages/{ticket}?limit=20` (or the order's): the newest messages, to find one an
    /// earlier attempt posted but could not record.
    func findMessages(in conversation: SPPConversation) -> VendorRequest {
        builder.get(conversation.path, query: [("limit", "20")])
    }

    /// `POST /api/tickets`: subject, status, tags, employees ← assignee, note and metadata as the rules chose,
    /// and in the metadata the event's marker.
    func createTicket(userID: PlannedID, draft: TicketDraft, event: EventID) -> VendorRequest {
        let body = SPPStoreTicketRequest(
            userID: userID,
            subject: draft.subject,
            status: draft.status.flatMap { Int($0) },
            tags: draft.tags.isEmpty ? nil : draft.tags,
            employees: draft.assignee.map { [$0] },
            note: draft.note,
            metadata: draft.metadata + [Self.marker(for: event)]
        )
        return builder.postJSON("/api/tickets", body)
    }

    /// `POST /api/ticket_messages/{ticket}` or `POST /api/order_messages/{order}`: the message, written as the
    /// client, staff-only as the rules chose.
    func createMessage(in conversation: SPPConversation, userID: PlannedID?, draft: TicketDraft, files: [Attachment]) -> VendorRequest {
        message(to: conversation.path, userID: userID, draft: draft, files: files)
    }

    /// A message as JSON, or, when the event brought files, as `multipart/form-data` with each file an
    /// `attachments[]` part (the seed types `attachments` as an array of binary strings).
    private func message(to path: String, userID: PlannedID?, draft: TicketDraft, files: [Attachment]) -> VendorRequest {
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
