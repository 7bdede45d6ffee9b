import Crypto
import Foundation
import TicketGateCore

/// Everything that differs between the HMAC schemes, so one verifier serves them all. The table in
/// `HMACProfile.make` is the single description of each scheme's headers, encoding and signed content.
struct HMACProfile: Sendable {
    enum Algorithm: Sendable {
        case sha1
        case sha256
        case sha512
    }

    /// How the signature header lists signatures.
    enum Format: Sendable {
        /// One signature after an optional prefix such as `sha256=`.
        case single(prefix: String)
        /// Space-separated `version,signature` entries; only entries of `version` count (Standard Webhooks).
        case versionedList(version: String)
        /// Comma-separated `t=<timestamp>` and `v1=<signature>` entries; only `v1` counts (Stripe).
        case stripe
    }

    /// Where the signed timestamp comes from.
    enum TimestampSource: Sendable {
        case headers([String], VerificationSettings.TimestampUnit)
        /// The `t=` entry of the signature header itself.
        case signatureHeader
    }

    /// How a configured secret becomes the HMAC key.
    enum KeyDecoding: Sendable {
        /// The secret's UTF-8 bytes, as most providers do.
        case utf8
        /// `whsec_` stripped, the rest base64-decoded.
        case standardWebhooks
    }

    var scheme: String
    var algorithm: Algorithm
    /// The header names that may carry the signature; the first one present is read.
    var signatureHeaders: [String]
    var encoding: VerificationSettings.Encoding
    var format: Format
    var signed: SignedContent
    var timestamp: TimestampSource?
    /// Headers with the provider's delivery id, for `{id}` and for replay detection.
    var idHeaders: [String]
    var keyDecoding: KeyDecoding

    /// The profile of an HMAC scheme with the source's overrides applied, or `nil` for other schemes.
    static func make(_ settings: VerificationSettings) -> HMACProfile? {
        let scheme = settings.scheme.rawValue
        let timestamp = settings.timestampHeader.map { TimestampSource.headers([$0], settings.timestampUnit ?? .seconds) }
        switch settings.scheme {
        case .hmacSHA1, .hmacSHA256, .hmacSHA512:
            let algorithm: Algorithm = settings.scheme == .hmacSHA1 ? .sha1 : settings.scheme == .hmacSHA512 ? .sha512 : .sha256
            return HMACProfile(
                scheme: scheme, algorithm: algorithm, signatureHeaders: [settings.header ?? ""], encoding: settings.encoding ?? .hex,
                format: .single(prefix: settings.prefix ?? ""), signed: SignedContent(settings.signedContent ?? "{body}"), timestamp: timestamp,
                idHeaders: settings.idHeader.map { [$0] } ?? [], keyDecoding: .utf8
            )
        case .standardWebhooks:
            return HMACProfile(
                scheme: scheme, algorithm: .sha256, signatureHeaders: ["webhook-signature", "svix-signature"], encoding: .base64,
                format: .versionedList(version: "v1"), signed: SignedContent("{id}.{timestamp}.{body}"),
                timestamp: .headers(["webhook-timestamp", "svix-timestamp"], .seconds), idHeaders: ["webhook-id", "svix-id"],
                keyDecoding: .standardWebhooks
            )
        case .stripe:
            return HMACProfile(
                scheme: scheme, algorithm: .sha256, signatureHeaders: [settings.header ?? "Stripe-Signature"], encoding: .hex, format: .stripe,
                signed: SignedContent("{timestamp}.{body}"), timestamp: .signatureHeader, idHeaders: [], keyDecoding: .utf8
            )
        case .slack:
            return HMACProfile(
                scheme: scheme, algorithm: .sha256, signatureHeaders: ["X-Slack-Signature"], encoding: .hex, format: .single(prefix: "v0="),
                signed: SignedContent("v0:{timestamp}:{body}"), timestamp: .headers(["X-Slack-Request-Timestamp"], .seconds), idHeaders: [],
                keyDecoding: .utf8
            )
        case .typeform:
            return HMACProfile(
                scheme: scheme, algorithm: .sha256, signatureHeaders: [settings.header ?? "Typeform-Signature"], encoding: .base64,
                format: .single(prefix: "sha256="), signed: SignedContent("{body}"), timestamp: nil, idHeaders: [], keyDecoding: .utf8
            )
        case .webflow:
            return HMACProfile(
                scheme: scheme, algorithm: .sha256, signatureHeaders: ["x-webflow-signature"], encoding: .hex, format: .single(prefix: ""),
                signed: SignedContent("{timestamp}:{body}"), timestamp: .headers(["x-webflow-timestamp"], .milliseconds), idHeaders: [],
                keyDecoding: .utf8
            )
        case .mailgun, .basic, .token, .none:
            return nil
        }
    }

    /// The HMAC key a configured secret stands for.
    func key(for secret: Secret) -> SymmetricKey {
        switch keyDecoding {
        case .utf8:
            return SymmetricKey(data: Array(secret.value.utf8))
        case .standardWebhooks:
            return SymmetricKey(data: StandardWebhooksSecret.key(secret.value) ?? Array(secret.value.utf8))
        }
    }
}
