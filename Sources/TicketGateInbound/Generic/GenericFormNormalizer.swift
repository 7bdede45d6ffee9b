import TicketGateCore

/// `kind: form, format: generic`: any JSON or urlencoded form, read through the source's `fields:` map.
struct GenericFormNormalizer: EventNormalizer {
    let fieldMap: FieldMap

    func normalize(_ request: InboundRequest, into event: inout InboundEvent) throws(InboundError) {
        let fields = try FormBodyParser.fields(from: request)
        let email = value(of: fieldMap.email, in: fields)
        let text = value(of: fieldMap.message, in: fields)
        if let email, !EmailAddress.isPlausible(email) {
            throw InboundError(.invalidField, "field '\(fieldMap.email)' is not an email address")
        }
        if email == nil, text == nil {
            throw InboundError(.missingFields, "the form has neither a sender ('\(fieldMap.email)') nor a message ('\(fieldMap.message)')")
        }
        event.fields = fields
        event.sender = Party(email: email, name: value(of: fieldMap.name, in: fields))
        event.subject = value(of: fieldMap.subject, in: fields)
        event.text = text
    }

    /// The field's value with surrounding whitespace removed, or `nil` when it is absent or blank.
    private func value(of name: String, in fields: [FormField]) -> String? {
        guard let raw = fields.value(named: name) else { return nil }
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
