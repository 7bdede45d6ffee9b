import TicketGateCore

/// The event and what verification found.
public struct ReceivedEvent: Sendable {
    public var event: InboundEvent
    public var verification: VerificationReport
}

/// One configured source, ready to receive: its verifier and its normalizer, built once when the rules load.
public struct SourceEndpoint: Sendable {
    public let definition: SourceDefinition
    let verifier: any SignatureVerifier
    let normalizer: any EventNormalizer

    public init(_ definition: SourceDefinition) {
        self.definition = definition
        self.verifier = InboundFormats.verifier(for: definition.verification)
        self.normalizer = InboundFormats.normalizer(for: definition)
    }

    /// Verifies the raw request, then normalizes it. Verification always comes first: nothing of an
    /// unverified body is parsed.
    public func receive(_ request: InboundRequest) throws(InboundError) -> ReceivedEvent {
        let report = try verifier.verify(request)
        var event = InboundEvent(
            id: .generate(at: request.receivedAt),
            source: definition.name,
            kind: definition.kind,
            format: definition.format,
            receivedAt: request.receivedAt,
            headers: HeaderFilter.retained(request.headers, dropping: verifier.credentialHeaders),
            clientIP: request.clientIP
        )
        try normalizer.normalize(request, into: &event)
        return ReceivedEvent(event: event, verification: report)
    }
}
