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

    func verify(_ request: InboundRequest, payload: Payload?) throws(InboundError) -> VerificationReport {
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
        return VerificationReport(scheme: "basic", secretNumber: number, replayKey: BodyDigest.replayKey(request.body))
    }
}
