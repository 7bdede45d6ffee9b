import Crypto
import TicketGateCore

/// The event, what verification found, and what identifies it for duplicate detection.
package struct ReceivedEvent: Sendable {
    package var event: InboundEvent
    package var verification: VerificationReport
    /// The provider's event id, or else the delivery's replay key (delivery id, Mailgun token, signature).
    /// A second event with the same key at the same source is a duplicate.
    package var dedupeKey: String?
}

/// A request whose verification passed (or was skipped), with its body parsed when the scheme needed that.
package struct VerifiedRequest: Sendable {
    let request: InboundRequest
    let payload: Payload?
    let report: VerificationReport
}

/// One configured source, ready to receive: its verifier and its normalizer, built once when the rules load.
package struct SourceEndpoint: Sendable {
    package let definition: SourceDefinition
    let verifier: any SignatureVerifier
    let normalizer: any EventNormalizer
    /// The source's `fields:` map over the format's own defaults.
    let fieldMap: FieldMap

    package init(_ definition: SourceDefinition) {
        self.definition = definition
        self.verifier = VerifierFactory.make(definition.verification)
        self.normalizer = InboundFormats.normalizer(for: definition)
        self.fieldMap = definition.fields.overriding(normalizer.defaultFields)
    }

    /// The media types the source accepts: its `content_types`, or the ones its format is posted as.
    package var acceptedMediaTypes: [String] {
        definition.limits.contentTypes ?? normalizer.mediaTypes.map(\.rawValue)
    }

    /// Checks the content type, verifies, parses, normalizes and applies the limits, in that order. Nothing
    /// of an unverified body is used, and only schemes that sign body fields (Mailgun) parse it first.
    /// `verifying: false` skips verification, for `ticketgate explain --no-verify` and `ticketgate test`.
    package func receive(_ request: InboundRequest, verifying: Bool = true) throws(InboundError) -> ReceivedEvent {
        try normalize(try verify(request, verifying: verifying))
    }

    /// True when the scheme signs fields of the body (Mailgun), so the body is parsed before it is verified:
    /// work a sender can ask for without a valid signature.
    package var parsesBeforeVerifying: Bool { verifier.readsBody }

    /// The content type checked and the request verified: the first half of `receive`.
    package func verify(_ request: InboundRequest, verifying: Bool = true) throws(InboundError) -> VerifiedRequest {
        try checkContentType(request)
        let early = verifier.readsBody ? try PayloadParser.parse(request) : nil
        let report = verifying ? try verifier.verify(request, payload: early) : VerificationReport(scheme: "skipped")
        return VerifiedRequest(request: request, payload: early, report: report)
    }

    /// The verified request parsed and normalized, with the limits applied: the second half of `receive`.
    package func normalize(_ verified: VerifiedRequest) throws(InboundError) -> ReceivedEvent {
        let request = verified.request
        let payload: Payload
        if let early = verified.payload {
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
        try checkSize(event)
        try StorableEvent.check(event)
        // A provider's id is a key in the store, and PostgreSQL's text holds no U+0000: control characters are
        // written out, so the id stays itself on both stores.
        event.providerEventID = event.providerEventID.map { ControlCharacters.escaped($0) }
        let dedupeKey = (event.providerEventID.map { "event:\($0)" } ?? verified.report.replayKey).map(Self.boundedKey)
        return ReceivedEvent(event: event, verification: verified.report, dedupeKey: dedupeKey)
    }

    /// What can be refused before the body is read: the content type, and what the verification scheme can
    /// check from the headers and the query (every credential of `basic` and `token`; the signature header's
    /// presence and shape and its timestamp's freshness for HMAC schemes). `request.body` is not looked at.
    package func checkBeforeBody(_ request: InboundRequest) throws(InboundError) {
        try checkContentType(request)
        try verifier.checkBeforeBody(request)
    }

    private func checkContentType(_ request: InboundRequest) throws(InboundError) {
        let mediaType = MediaType(contentType: request.contentType)
        guard let kind = mediaType.kind, acceptedMediaTypes.contains(kind.rawValue) else {
            let received = mediaType.essence.isEmpty ? "a request without Content-Type" : mediaType.essence
            throw InboundError(.unsupportedMediaType, "this source accepts \(acceptedMediaTypes.joined(separator: ", ")), not \(received)")
        }
    }

    /// The longest duplicate key stored as it is; a longer one (an id is the sender's to choose) is stored as
    /// its SHA-256, so the store's unique index never holds more than this per event. So is one with a control
    /// character (a Mailgun token from the body): PostgreSQL's text holds no U+0000.
    static let maximumKeyLength = 256

    static func boundedKey(_ key: String) -> String {
        guard key.utf8.count > maximumKeyLength || ControlCharacters.contains(key) else { return key }
        return "sha256:" + HMACVerifier.hex(Array(SHA256.hash(data: Array(key.utf8))))
    }

    /// The most fields an event keeps: more than any form has, and past it storing, deciding and writing
    /// the ticket only grow.
    package static let maximumFields = 10_000
    /// The most turns a chat transcript keeps: more than a ticket can usefully show.
    package static let maximumTurns = 10_000

    /// The refusal of a body of more than `maximumFields` fields (or parts, for a form).
    static func tooManyFields(_ count: Int) -> InboundError {
        InboundError(.tooManyFields, "more than \(maximumFields) fields (at least \(count)); an event may have at most \(maximumFields)")
    }

    private func checkSize(_ event: InboundEvent) throws(InboundError) {
        guard event.fields.count <= Self.maximumFields else { throw Self.tooManyFields(event.fields.count) }
        let turns = event.transcript?.turns.count ?? 0
        guard turns <= Self.maximumTurns else {
            throw InboundError(.tooManyTurns, "\(turns) chat turns; an event may have at most \(Self.maximumTurns)")
        }
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
