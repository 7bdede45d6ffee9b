import TicketGateCore

/// `kind: form, format: generic`: any JSON, urlencoded or multipart form, read through the source's `fields:`
/// map (`email`, `name`, `subject` and `message` unless it says otherwise). Multipart files become attachments.
struct GenericFormNormalizer: EventNormalizer {
    static let conventionalFields = FieldMap(email: "email", name: "name", subject: "subject", message: "message")

    /// The source's map over the conventional names, to tell the sender and subject fields from the body.
    let map: FieldMap

    init(fields: FieldMap) {
        map = fields.overriding(Self.conventionalFields)
    }

    var mediaTypes: [MediaKind] { [.json, .urlEncoded, .multipart] }
    var defaultFields: FieldMap { Self.conventionalFields }

    func normalize(_ payload: Payload, request: InboundRequest, into event: inout InboundEvent) throws(InboundError) {
        switch payload {
        case .json(let value):
            guard case .object = value else {
                throw InboundError(.malformedBody, "the body must be a JSON object of form fields")
            }
            event.fields = JSONFields.flatten(value)
        case .form(let form):
            event.fields = form.fields
            event.attachments = form.files.map { part in
                Attachment(name: part.filename ?? part.name, contentType: part.contentType ?? "application/octet-stream", data: part.data)
            }
        }
    }

    /// A form's body is its message, its files, or any field beyond sender and subject.
    func hasBody(_ event: InboundEvent) -> Bool {
        let header = Set([map.email, map.name, map.subject].compactMap { $0 })
        return event.text != nil || !event.attachments.isEmpty || event.fields.contains { !header.contains($0.name) && !$0.value.isEmpty }
    }
}
