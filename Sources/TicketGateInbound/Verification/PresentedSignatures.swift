import Foundation
import TicketGateCore

/// The signatures a request presents, decoded, and the timestamp its signature header carries (Stripe).
struct PresentedSignatures {
    var signatures: [[UInt8]]
    var timestamp: String?

    /// Reads the signature header in `format`. Entries that are not valid in `encoding` are skipped, so a
    /// header that holds no usable signature yields none.
    init(header value: String, format: HMACProfile.Format, encoding: VerificationSettings.Encoding) throws(InboundError) {
        signatures = []
        switch format {
        case .single(let prefix):
            let text = value.trimmingSpaces
            guard text.hasPrefix(prefix) else {
                throw InboundError(.signatureMismatch, "the signature does not start with '\(prefix)'")
            }
            signatures = Self.decode(text.dropFirst(prefix.count), encoding).map { [$0] } ?? []
        case .versionedList(let version):
            for entry in value.split(separator: " ") {
                let parts = entry.split(separator: ",", maxSplits: 1)
                guard parts.count == 2, parts[0] == version, let bytes = Self.decode(parts[1], encoding) else { continue }
                signatures.append(bytes)
            }
        case .stripe:
            for entry in value.split(separator: ",") {
                let parts = entry.trimmingSpaces.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { continue }
                if parts[0] == "t" {
                    timestamp = String(parts[1])
                } else if parts[0] == "v1", let bytes = Self.decode(parts[1], encoding) {
                    signatures.append(bytes)
                }
            }
        }
    }

    private static func decode(_ text: Substring, _ encoding: VerificationSettings.Encoding) -> [UInt8]? {
        encoding == .hex ? SignatureText.hexBytes(text) : SignatureText.base64Bytes(text)
    }
}
