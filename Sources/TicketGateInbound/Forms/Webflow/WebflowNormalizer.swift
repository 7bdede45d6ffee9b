import TicketGateCore

/// `kind: form, format: webflow`: a `form_submission` webhook (and the older v1 shape with `d` and `_id`).
/// `data` maps the form's labels to values; the subject is the form's name.
struct WebflowNormalizer: EventNormalizer {
    var mediaTypes: [MediaKind] { [.json] }

    func normalize(_ payload: Payload, request: InboundRequest, into event: inout InboundEvent) throws(InboundError) {
        let value = try payload.json(for: "Webflow")
        let submission = value["payload"] ?? value
        guard let data = (submission["data"] ?? submission["d"])?.object else {
            throw InboundError(.malformedBody, "a Webflow payload needs payload.data")
        }
        let fields = data.keys.sorted().compactMap { key in data[key]?.scalarText.map { FormField(name: key, value: $0, label: key) } }
        event.fields = fields
        event.providerEventID = (submission["id"] ?? submission["_id"])?.scalarText
        event.occurredAt = TimeValue.date(submission["submittedAt"] ?? submission["date"])
        event.subject = submission["name"]?.string
        event.sender = Party(email: FormAnswers.email(in: fields), name: FormAnswers.name(in: fields))
        event.text = FormAnswers.message(in: fields) ?? FormAnswers.rendered(fields)
    }
}
