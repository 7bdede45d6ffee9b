import Crypto
import Foundation
import TicketGateCore

/// Signs a webhook message with each of a destination's secrets: `v1,` and the base64 HMAC-SHA256 of
/// `{webhook-id}.{webhook-timestamp}.{body}`, one signature per secret, separated by spaces, so that a receiver
/// that knows either the old or the new secret accepts the message while a secret is rotated.
struct WebhookSigner: Sendable {
    private let keys: [SymmetricKey]

    /// `nil` unless `secrets` holds one or more Standard Webhooks secrets separated by white space.
    init?(secrets: String) {
        let words = secrets.split(whereSeparator: \.isWhitespace)
        let keys = words.compactMap { StandardWebhooksSecret.key(String($0)) }
        guard !keys.isEmpty, keys.count == words.count else { return nil }
        self.keys = keys.map { SymmetricKey(data: $0) }
    }

    /// The `webhook-signature` value.
    func signature(id: String, timestamp: Int, body: Data) -> String {
        var content = Data("\(id).\(timestamp).".utf8)
        content.append(body)
        return keys.map { key in
            "v1," + Data(HMAC<SHA256>.authenticationCode(for: content, using: key)).base64EncodedString()
        }.joined(separator: " ")
    }
}
