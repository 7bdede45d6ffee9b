import TicketGateCore

/// The event, what verification found, and what identifies it for duplicate detection.
public struct ReceivedEvent: Sendable {
    public var event: InboundEvent
    public var verification: VerificationReport
    /// The provider's event id, or else the delivery's replay key (delivery id, Mailgun token, signature).
    /// A second event with the same key at the same source is a duplicate.
    public var dedupeKey: String?
}

/// One configured source, ready to receive: its verifier and its normalizer, built once when the rules load.
public struct SourceEndpoint: Sendable {
    public let definition: SourceDefinition
    let verifier: any SignatureVerifier
    let normalizer: any EventNormalizer
    /// The source's `fields:` map over the format's own defaults.
    let fieldMap: FieldMap

    public init(_ definition: SourceDefinition) {
        self.definition = definition
        self.verifier = VerifierFactory.make(definition.verification)
        self.normalizer = InboundFormats.normalizer(for: definition)
        self.fieldMap = definition.fields.overriding(normalizer.defaultFields)
    }

    /// The media types the source accepts: its `content_types`, or the ones its format is posted as.
    public var acceptedMediaTypes: [String] {
        definition.limits.contentTypes ?? normalizer.mediaTypes.map(\.rawValue)
    }

    /// Checks the content type, verifies, parses, normalizes and applies the limits, in that order. Nothing
    /// of an unverified body is used, and only schemes that sign body fields (Mailgun) parse it first.
    /// `verifying: false` skips verification, for `ticketgate explain --no-verify` and `ticketgate test`.
    public func receive(_ request: InboundRequest, verifying: Bool = true) throws(InboundError) -> ReceivedEvent {
        let mediaType = MediaType(contentType: request.contentType)
        guard let kind = mediaType.kind, acceptedMediaTypes.contains(kind.rawValue) else {
            let received = mediaType.essence.isEmpty ? "a request without Content-Type" : mediaType.essence
            throw InboundError(.unsupportedMediaType, "this source accepts \(acceptedMediaTypes.joined(separator: ", ")), not \(received)")
        }
        let early = verifier.readsBody ? try PayloadParser.parse(request) : nil
        let report = verifying ? try verifier.verify(request, payload: early) : VerificationReport(scheme: "skipped")
        let payload: Payload
        if let early {
            payload = early
        } else {
            payload = try PayloadParser.parse(request)
        }

        var event = InboundEvent(
            id: .generate(at: request.receivedAt),
            source: definition.name,
            kind: definition.kind,
            format: definition.format,
            receivedAt: request.receivedAt,
            headers: HeaderFilter.retained(request.headers, dropping: verifier.credentialHeaders),
            clientIP: request.clientIP
        )
        try normalizer.normalize(payload, request: request, into: &event)
        try FieldMapping.apply(fieldMap, to: &event)
        guard event.sender.email != nil || event.sender.name != nil || normalizer.hasBody(event) else {
            throw InboundError(.missingFields, "the \(definition.format) \(definition.kind.rawValue) has neither a sender nor a message")
        }
        try checkAttachments(event.attachments)
        let dedupeKey = event.providerEventID.map { "event:\($0)" } ?? report.replayKey
        return ReceivedEvent(event: event, verification: report, dedupeKey: dedupeKey)
    }

    private func checkAttachments(_ attachments: [Attachment]) throws(InboundError) {
        let limits = definition.limits
        guard attachments.count <= limits.maxAttachments else {
            throw InboundError(.tooManyAttachments, "\(attachments.count) attachments; this source accepts at most \(limits.maxAttachments)")
        }
        if let large = attachments.first(where: { ($0.data?.count ?? 0) > limits.maxAttachmentBytes }) {
            throw InboundError(.attachmentTooLarge, "attachment '\(large.name)' is over \(limits.maxAttachmentBytes) bytes")
        }
    }
}
