import Foundation

/// A Standard Webhooks signing secret (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md,
/// "Signature scheme"): `whsec_` and the key's bytes in base64, whose padding may be left off.
package enum StandardWebhooksSecret {
    /// The key's bytes, or `nil` when `secret` is not base64 of at least one byte after its prefix.
    package static func key(_ secret: String) -> [UInt8]? {
        var encoded = secret.hasPrefix("whsec_") ? String(secret.dropFirst("whsec_".count)) : secret
        while encoded.count % 4 != 0 { encoded += "=" }
        guard let data = Data(base64Encoded: encoded), !data.isEmpty else { return nil }
        return Array(data)
    }
}
