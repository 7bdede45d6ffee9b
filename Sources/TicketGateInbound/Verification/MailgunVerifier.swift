import Crypto
import Foundation
import TicketGateCore

/// `scheme: mailgun`: the `timestamp`, `token` and `signature` fields of the posted form, where
/// `signature = hex(HMAC-SHA256(signing key, timestamp + token))`. The token identifies the delivery for replay
/// detection. The signature does not cover the message itself; Mailgun signs only the delivery.
struct MailgunVerifier: SignatureVerifier {
    let keys: [KeyedHMAC]
    let window: TimestampWindow

    init(settings: VerificationSettings) {
        keys = settings.secrets.map { KeyedHMAC(.sha256, key: SymmetricKey(data: Array($0.value.utf8))) }
        window = TimestampWindow(unit: .seconds, tolerance: settings.tolerance)
    }

    var credentialHeaders: Set<String> { [] }
    var readsBody: Bool { true }

    func verify(_ request: InboundRequest, payload: Payload?) throws(InboundError) -> VerificationReport {
        guard case .form(let form)? = payload,
            let signature = form.text("signature"), !signature.isEmpty,
            let token = form.text("token"), !token.isEmpty
        else {
            throw InboundError(.signatureMissing, "the form has no Mailgun signature and token fields")
        }
        let timestamp = form.text("timestamp")
        let signedAt = try window.check(timestamp, now: request.receivedAt, header: "the timestamp field")
        guard let presented = SignatureText.hexBytes(Substring(signature)) else {
            throw InboundError(.signatureMismatch, "the signature field is not hex")
        }
        let message = Array(((timestamp ?? "") + token).utf8)
        for (index, key) in keys.enumerated() where key.isValid(presented, over: message) {
            return VerificationReport(scheme: "mailgun", secretNumber: index + 1, signedAt: signedAt, replayKey: "token:\(token)")
        }
        throw InboundError(.signatureMismatch, "the Mailgun signature does not match with any configured signing key")
    }
}
