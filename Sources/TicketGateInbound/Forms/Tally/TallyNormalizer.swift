import TicketGateCore

/// `kind: form, format: tally`: a `FORM_RESPONSE` webhook. Choice answers are turned from option ids into
/// their text; file uploads are attachments to fetch from Tally.
struct TallyNormalizer: EventNormalizer {
    var mediaTypes: [MediaKind] { [.json] }

    func normalize(_ payload: Payload, request: InboundRequest, into event: inout InboundEvent) throws(InboundError) {
        let value = try payload.json(for: "Tally")
        guard let data = value["data"], let items = data["fields"]?.array else {
            throw InboundError(.malformedBody, "a Tally payload needs data.fields")
        }
        var fields: [FormField] = []
        for item in items {
            let type = item["type"]?.string
            if type == "FILE_UPLOAD" {
                for file in item["value"]?.array ?? [] {
                    guard let url = file["url"]?.string else { continue }
                    event.attachments.append(
                        Attachment(
                            name: file["name"]?.string ?? "upload", contentType: file["mimeType"]?.string ?? "application/octet-stream",
                            size: file["size"]?.count, url: url
                        )
                    )
                }
            }
            guard let text = Self.text(of: item) else { continue }
            fields.append(FormField(name: item["key"]?.scalarText ?? "", value: text, label: item["label"]?.string, type: type))
        }
        event.fields = fields
        event.providerEventID = value["eventId"]?.scalarText ?? data["responseId"]?.scalarText
        event.occurredAt = TimeValue.date(data["createdAt"] ?? value["createdAt"])
        event.subject = data["formName"]?.string
        event.sender = Party(email: FormAnswers.email(in: fields), name: FormAnswers.name(in: fields))
        event.text = FormAnswers.message(in: fields) ?? FormAnswers.rendered(fields)
    }

    /// A field's answer as text: option ids become the options' text, files their names.
    static func text(of item: JSONValue) -> String? {
        let options = Dictionary(
            (item["options"]?.array ?? []).compactMap { option in option["id"]?.scalarText.map { ($0, option["text"]?.string ?? $0) } },
            uniquingKeysWith: { first, _ in first }
        )
        switch item["value"] {
        case .array(let values)?:
            let texts = values.compactMap { value in value.scalarText.map { options[$0] ?? $0 } ?? value["name"]?.string }
            return texts.isEmpty ? nil : texts.joined(separator: ", ")
        case let value?:
            return value.scalarText.map { options[$0] ?? $0 }
        case nil:
            return nil
        }
    }
}
