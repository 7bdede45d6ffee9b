import TicketGateCore

/// Turns one provider format's payload into the normalized event.
protocol EventNormalizer: Sendable {
    /// The body encodings the provider posts.
    var mediaTypes: [MediaKind] { get }

    /// The fields the format reads when the source's `fields:` map does not name others.
    var defaultFields: FieldMap { get }

    /// Fills `event` (which already holds the id, source, time, client and headers) from the parsed body.
    /// Throws `malformedBody` when the payload is not the format's shape at all.
    func normalize(_ payload: Payload, request: InboundRequest, into event: inout InboundEvent) throws(InboundError)

    /// True when the event carries something to put in a ticket. An event with neither this nor a sender is
    /// refused with `missingFields`.
    func hasBody(_ event: InboundEvent) -> Bool
}

extension EventNormalizer {
    var defaultFields: FieldMap { FieldMap() }

    /// True when the event carries something to put in a ticket: text, HTML, chat turns or files.
    func hasBody(_ event: InboundEvent) -> Bool {
        event.text?.isEmpty == false || event.html?.isEmpty == false || event.transcript?.turns.isEmpty == false || !event.attachments.isEmpty
    }
}
