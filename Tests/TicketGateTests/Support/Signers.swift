import Crypto
import Foundation

/// Signs test requests the way each provider does, written from the providers' descriptions and independent
/// of the gateway's verifiers, so the tests check the schemes rather than echo the implementation.
enum Signers {
    enum Algorithm {
        case sha1, sha256, sha512
    }

    static func hmac(_ algorithm: Algorithm, key: [UInt8], _ message: [UInt8]) -> [UInt8] {
        let symmetric = SymmetricKey(data: key)
        switch algorithm {
        case .sha1: return Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: symmetric))
        case .sha256: return Array(HMAC<SHA256>.authenticationCode(for: message, using: symmetric))
        case .sha512: return Array(HMAC<SHA512>.authenticationCode(for: message, using: symmetric))
        }
    }

    static func hmac(_ algorithm: Algorithm, secret: String, _ message: String) -> [UInt8] {
        hmac(algorithm, key: Array(secret.utf8), Array(message.utf8))
    }

    static func hex(_ bytes: [UInt8]) -> String { Signing.hex(bytes) }
    static func base64(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }

    static func unixSeconds(_ date: Date) -> String { String(Int(date.timeIntervalSince1970)) }

    /// Standard Webhooks: `v1,<base64(HMAC-SHA256(base64-decoded whsec_ secret, id.timestamp.body))>`.
    static func standardWebhooks(body: String, secret: String, id: String, at date: Date) -> [String: String] {
        var encoded = String(secret.dropFirst("whsec_".count))
        while encoded.count % 4 != 0 { encoded += "=" }
        let key = Array(Data(base64Encoded: encoded) ?? Data())
        let timestamp = unixSeconds(date)
        let signature = base64(hmac(.sha256, key: key, Array("\(id).\(timestamp).\(body)".utf8)))
        return ["webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": "v1,\(signature)"]
    }

    /// Stripe: `t=<timestamp>,v1=<hex(HMAC-SHA256(secret, t.body))>`.
    static func stripe(body: String, secret: String, at date: Date) -> [String: String] {
        let timestamp = unixSeconds(date)
        return ["Stripe-Signature": "t=\(timestamp),v1=\(hex(hmac(.sha256, secret: secret, "\(timestamp).\(body)")))"]
    }

    /// Slack: `v0=<hex(HMAC-SHA256(secret, v0:timestamp:body))>`.
    static func slack(body: String, secret: String, at date: Date) -> [String: String] {
        let timestamp = unixSeconds(date)
        return [
            "X-Slack-Signature": "v0=" + hex(hmac(.sha256, secret: secret, "v0:\(timestamp):\(body)")),
            "X-Slack-Request-Timestamp": timestamp,
        ]
    }

    /// Webflow: milliseconds, `hex(HMAC-SHA256(secret, timestamp:body))`.
    static func webflow(body: String, secret: String, at date: Date) -> [String: String] {
        let timestamp = String(Int64(date.timeIntervalSince1970 * 1000))
        return ["x-webflow-timestamp": timestamp, "x-webflow-signature": hex(hmac(.sha256, secret: secret, "\(timestamp):\(body)"))]
    }

    /// Typeform: `sha256=<base64(HMAC-SHA256(secret, body))>`.
    static func typeform(body: String, secret: String) -> [String: String] {
        ["Typeform-Signature": "sha256=" + base64(hmac(.sha256, secret: secret, body))]
    }

    /// Mailgun: the urlencoded body with `timestamp`, `token` and `signature = hex(HMAC-SHA256(key, timestamp+token))`.
    static func mailgun(form: String, key: String, token: String, at date: Date) -> String {
        let timestamp = unixSeconds(date)
        let signature = hex(hmac(.sha256, secret: key, timestamp + token))
        return form + "&timestamp=\(timestamp)&token=\(token)&signature=\(signature)"
    }

    /// The same three fields as multipart parts, placed before the closing boundary.
    static func mailgun(multipart: String, boundary: String, key: String, token: String, at date: Date) -> String {
        let timestamp = unixSeconds(date)
        let signature = hex(hmac(.sha256, secret: key, timestamp + token))
        let fields = [("timestamp", timestamp), ("token", token), ("signature", signature)]
            .map { "--\(boundary)\r\nContent-Disposition: form-data; name=\"\($0.0)\"\r\n\r\n\($0.1)\r\n" }.joined()
        return multipart.replacingOccurrences(of: "--\(boundary)--", with: fields + "--\(boundary)--")
    }

    static func basic(user: String, password: String) -> [String: String] {
        ["Authorization": "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()]
    }
}
