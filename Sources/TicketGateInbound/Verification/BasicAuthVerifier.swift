import Foundation
import TicketGateCore

/// `scheme: basic`: HTTP basic authentication, as Postmark sends it from `https://user:password@host/…`.
/// Each configured secret is `user:password`.
struct BasicAuthVerifier: SignatureVerifier {
    let matcher: SecretMatcher

    init(settings: VerificationSettings) {
        matcher = SecretMatcher(settings.secrets.map(\.value))
    }

    var credentialHeaders: Set<String> { ["authorization"] }

    /// The credentials are in a header: all of them are checked before the body is read.
    func checkBeforeBody(_ request: InboundRequest) throws(InboundError) {
        _ = try secretNumber(request)
    }

    func verify(_ request: InboundRequest, payload: Payload?) throws(InboundError) -> VerificationReport {
        VerificationReport(scheme: "basic", secretNumber: try secretNumber(request), replayKey: BodyDigest.replayKey(request.body))
    }

    private func secretNumber(_ request: InboundRequest) throws(InboundError) -> Int {
        guard let value = request.header("Authorization"), value.lowercased().hasPrefix("basic ") else {
            throw InboundError(.credentialsMissing, "the request has no basic Authorization header")
        }
        let encoded = value.dropFirst("basic ".count).trimmingSpaces
        guard let decoded = Data(base64Encoded: encoded).flatMap({ String(data: $0, encoding: .utf8) }) else {
            throw InboundError(.credentialsInvalid, "the basic Authorization header is not base64 of user:password")
        }
        guard let number = matcher.match(decoded) else {
            throw InboundError(.credentialsInvalid, "the user name or password is not one this source accepts")
        }
        return number
    }
}
