import Crypto
import Foundation
import TicketGateCore

/// Signs a payload the way a source's provider does, with the source's first secret, so that the source's own
/// verifier accepts it: what `ticketgate send` posts. Each scheme's headers, encoding and signed content come
/// from the same `HMACProfile` the verifier reads.
package enum RequestSigner {
    /// A request ready to post: the headers to add, the body (Mailgun's signature fields are in it) and the query.
    package struct Signed: Sendable {
        package var headers: [(name: String, value: String)] = []
        package var body: Data
        package var query: [(name: String, value: String)] = []
    }

    /// Why a payload cannot be signed for a source.
    package struct Refusal: Error, CustomStringConvertible {
        package let description: String
    }

    /// `body` signed for `settings` at `now`; `id` names the delivery where the scheme sends one (a fresh value per
    /// request, so replay detection takes each for a new delivery).
    package static func sign(_ body: Data, contentType: String, for settings: VerificationSettings, now: Date, id: String) throws(Refusal) -> Signed {
        var signed = Signed(body: body)
        guard settings.scheme != .none else { return signed }
        guard let secret = settings.secrets.first, !secret.isEmpty else {
            throw Refusal(description: "the source has no secret to sign with")
        }
        if let profile = HMACProfile.make(settings) {
            signed.headers = headers(signing: body, with: profile, key: profile.key(for: secret), now: now, id: id)
            return signed
        }
        switch settings.scheme {
        case .mailgun:
            guard MediaType(contentType: contentType).essence == "application/x-www-form-urlencoded" else {
                throw Refusal(description: "a Mailgun source's signature is in the form: send it as application/x-www-form-urlencoded")
            }
            let timestamp = String(Int(now.timeIntervalSince1970))
            let signature = HMACVerifier.hex(mac(.sha256, key: SymmetricKey(data: Array(secret.value.utf8)), over: Array((timestamp + id).utf8)))
            var fields = URLComponents()
            fields.queryItems = [
                URLQueryItem(name: "timestamp", value: timestamp), URLQueryItem(name: "token", value: id),
                URLQueryItem(name: "signature", value: signature),
            ]
            let separator = body.isEmpty || body.last == UInt8(ascii: "&") ? "" : "&"
            signed.body = body + Data((separator + (fields.percentEncodedQuery ?? "")).utf8)
        case .basic:
            signed.headers = [("Authorization", "Basic " + Data(secret.value.utf8).base64EncodedString())]
        case .token:
            if let query = settings.query {
                signed.query = [(query, secret.value)]
            } else {
                let prefix = settings.prefix ?? (settings.header == nil ? "Bearer " : "")
                signed.headers = [(settings.header ?? "Authorization", prefix + secret.value)]
            }
        default:
            break
        }
        return signed
    }

    /// The signature, timestamp and id headers of an HMAC scheme.
    private static func headers(signing body: Data, with profile: HMACProfile, key: SymmetricKey, now: Date, id: String) -> [(
        name: String, value: String
    )] {
        var headers: [(name: String, value: String)] = []
        var timestamp: String?
        switch profile.timestamp {
        case .headers(let names, let unit):
            let seconds = now.timeIntervalSince1970
            let value = String(Int64(unit == .milliseconds ? seconds * 1000 : seconds))
            headers.append((names[0], value))
            timestamp = value
        case .signatureHeader:
            timestamp = String(Int64(now.timeIntervalSince1970))
        case nil:
            break
        }
        if let idHeader = profile.idHeaders.first { headers.append((idHeader, id)) }
        let code = mac(profile.algorithm, key: key, over: profile.signed.bytes(body: body, timestamp: timestamp, id: id))
        let signature = profile.encoding == .base64 ? Data(code).base64EncodedString() : HMACVerifier.hex(code)
        let value =
            switch profile.format {
            case .single(let prefix): prefix + signature
            case .versionedList(let version): "\(version),\(signature)"
            case .stripe: "t=\(timestamp ?? ""),v1=\(signature)"
            }
        headers.append((profile.signatureHeaders[0], value))
        return headers
    }

    private static func mac(_ algorithm: HMACProfile.Algorithm, key: SymmetricKey, over message: [UInt8]) -> [UInt8] {
        switch algorithm {
        case .sha1: Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: key))
        case .sha256: Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
        case .sha512: Array(HMAC<SHA512>.authenticationCode(for: message, using: key))
        }
    }
}
