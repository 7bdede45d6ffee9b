/// What verification found, for the audit.
public struct VerificationReport: Sendable, Equatable {
    /// The scheme that verified the request, such as `hmac-sha256`.
    public var scheme: String
    /// Which configured secret matched, counting from 1; `nil` for unsigned sources.
    public var secretNumber: Int?

    public init(scheme: String, secretNumber: Int? = nil) {
        self.scheme = scheme
        self.secretNumber = secretNumber
    }
}

/// Checks that a request came from the source's provider, over the raw body bytes.
protocol SignatureVerifier: Sendable {
    /// The headers that carry credentials; they are never copied into the event.
    var credentialHeaders: Set<String> { get }

    func verify(_ request: InboundRequest) throws(InboundError) -> VerificationReport
}
