import Foundation

/// What verification found, for the audit and for replay detection.
package struct VerificationReport: Sendable, Equatable {
    /// The scheme that verified the request, such as `hmac-sha256`.
    package var scheme: String
    /// Which configured secret matched, counting from 1; `nil` for unsigned sources.
    package var secretNumber: Int?
    /// The signed timestamp, when the scheme signs one.
    package var signedAt: Date?
    /// What identifies this delivery for replay detection: a delivery id, a Mailgun token, or the signature.
    package var replayKey: String?

    package init(scheme: String, secretNumber: Int? = nil, signedAt: Date? = nil, replayKey: String? = nil) {
        self.scheme = scheme
        self.secretNumber = secretNumber
        self.signedAt = signedAt
        self.replayKey = replayKey
    }
}

/// Checks that a request came from the source's provider.
protocol SignatureVerifier: Sendable {
    /// The headers that carry credentials; they are never copied into the event.
    var credentialHeaders: Set<String> { get }

    /// True when the credentials are in the body (Mailgun), so the body must be parsed before verifying.
    var readsBody: Bool { get }

    /// Checks what the headers and the query alone can tell, before the body is read: the whole credential of
    /// schemes that carry it in a header, the presence and shape of a signature and the freshness of its
    /// timestamp for the others. `request.body` is empty here.
    func checkBeforeBody(_ request: InboundRequest) throws(InboundError)

    /// Verifies over the raw bytes; `payload` is the parsed body when `readsBody` is true.
    func verify(_ request: InboundRequest, payload: Payload?) throws(InboundError) -> VerificationReport
}

extension SignatureVerifier {
    var readsBody: Bool { false }

    /// Schemes whose credentials are all in the body (Mailgun) or that have none check nothing early.
    func checkBeforeBody(_ request: InboundRequest) throws(InboundError) {}
}
