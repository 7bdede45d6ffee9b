import TicketGateCore

/// `scheme: token`: a static token in a header (`Authorization: Bearer …` unless the source names another
/// header and prefix, such as Sunshine's `X-API-Key`) or in a query parameter, for senders that cannot set
/// headers (HTML forms, Jotform).
struct TokenVerifier: SignatureVerifier {
    let header: String
    let prefix: String
    let query: String?
    let matcher: SecretMatcher

    init(settings: VerificationSettings) {
        header = settings.header ?? "Authorization"
        prefix = settings.prefix ?? (settings.header == nil ? "Bearer " : "")
        query = settings.query
        matcher = SecretMatcher(settings.secrets.map(\.value))
    }

    var credentialHeaders: Set<String> { query == nil ? [header.lowercased()] : [] }

    /// The token is in a header or the query: it is checked before the body is read.
    func checkBeforeBody(_ request: InboundRequest) throws(InboundError) {
        _ = try secretNumber(request)
    }

    func verify(_ request: InboundRequest, payload: Payload?) throws(InboundError) -> VerificationReport {
        VerificationReport(scheme: "token", secretNumber: try secretNumber(request), replayKey: BodyDigest.replayKey(request.body))
    }

    private func secretNumber(_ request: InboundRequest) throws(InboundError) -> Int {
        let location = query.map { "query parameter \($0)" } ?? "\(header) header"
        let presented: String?
        if let query {
            presented = request.query[query]
        } else if let value = request.header(header) {
            presented = value.hasPrefix(prefix) ? String(value.dropFirst(prefix.count)) : nil
        } else {
            presented = nil
        }
        guard let presented, !presented.isEmpty else {
            throw InboundError(.credentialsMissing, "the request has no token in the \(location)")
        }
        guard let number = matcher.match(presented) else {
            throw InboundError(.credentialsInvalid, "the token in the \(location) is not one this source accepts")
        }
        return number
    }
}
