import Crypto
import Foundation
import TicketGateCore

/// Every HMAC scheme, driven by its `HMACProfile`: reads the signature header, checks the signed timestamp
/// against the tolerance, builds the signed content from the raw body, and compares in constant time against
/// every configured secret.
struct HMACVerifier: SignatureVerifier {
    let profile: HMACProfile
    let keys: [KeyedHMAC]
    let window: TimestampWindow

    init(profile: HMACProfile, settings: VerificationSettings) {
        self.profile = profile
        self.keys = settings.secrets.map { KeyedHMAC(profile.algorithm, key: profile.key(for: $0)) }
        let unit: VerificationSettings.TimestampUnit
        if case .headers(_, let headerUnit) = profile.timestamp { unit = headerUnit } else { unit = .seconds }
        self.window = TimestampWindow(unit: unit, tolerance: settings.tolerance)
    }

    var credentialHeaders: Set<String> { Set(profile.signatureHeaders.map { $0.lowercased() }) }

    /// What the headers carry: a signature header with at least one signature of the scheme's encoding, a
    /// fresh signed timestamp, and the id header when the scheme signs one. Checked before the body is read.
    private struct SignedHeaders {
        var headerName: String
        var presented: PresentedSignatures
        var timestamp: String?
        var signedAt: Date?
        var id: String?
    }

    func checkBeforeBody(_ request: InboundRequest) throws(InboundError) {
        _ = try signedHeaders(request)
    }

    func verify(_ request: InboundRequest, payload: Payload?) throws(InboundError) -> VerificationReport {
        let signed = try signedHeaders(request)
        let message = profile.signed.bytes(body: request.body, timestamp: signed.timestamp, id: signed.id)
        for (index, key) in keys.enumerated() {
            for signature in signed.presented.signatures where key.isValid(signature, over: message) {
                let replayKey = signed.id.map { "id:\($0)" } ?? "signature:\(Self.hex(signature))"
                return VerificationReport(scheme: profile.scheme, secretNumber: index + 1, signedAt: signed.signedAt, replayKey: replayKey)
            }
        }
        throw InboundError(.signatureMismatch, "the signature in \(signed.headerName) does not match the request with any configured secret")
    }

    private func signedHeaders(_ request: InboundRequest) throws(InboundError) -> SignedHeaders {
        guard let (headerName, value) = Self.first(of: profile.signatureHeaders, in: request), !value.isEmpty else {
            throw InboundError(.signatureMissing, "the request has no \(profile.signatureHeaders[0]) header")
        }
        let presented = try PresentedSignatures(header: value, format: profile.format, encoding: profile.encoding)
        guard !presented.signatures.isEmpty else {
            throw InboundError(.signatureMismatch, "the \(headerName) header holds no signature this scheme reads")
        }
        var signed = SignedHeaders(headerName: headerName, presented: presented)
        switch profile.timestamp {
        case .headers(let names, _):
            let found = Self.first(of: names, in: request)
            signed.signedAt = try window.check(found?.value, now: request.receivedAt, header: found?.name ?? names[0])
            signed.timestamp = found?.value
        case .signatureHeader:
            signed.signedAt = try window.check(presented.timestamp, now: request.receivedAt, header: "\(headerName) t=")
            signed.timestamp = presented.timestamp
        case nil:
            break
        }
        signed.id = Self.first(of: profile.idHeaders, in: request)?.value
        if profile.signed.usesID, signed.id == nil {
            throw InboundError(.signatureMissing, "the request has no \(profile.idHeaders.first ?? "id") header")
        }
        return signed
    }

    /// The first of `names` the request carries, with its value.
    static func first(of names: [String], in request: InboundRequest) -> (name: String, value: String)? {
        for name in names {
            if let value = request.header(name) { return (name, value) }
        }
        return nil
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
