import Crypto
import HTTPTypes
import TicketGateCore

/// HMAC of the raw body in one header (`scheme: hmac-sha256`), hex or base64, with an optional prefix such as
/// `sha256=`. Every configured secret is tried; comparison is constant-time over the decoded bytes.
struct HMACSignatureVerifier<Hash: HashFunction & Sendable>: SignatureVerifier {
    let scheme: String
    let headerName: String
    let encoding: VerificationSettings.Encoding
    let prefix: String
    let keys: [SymmetricKey]

    init(scheme: String, settings: VerificationSettings) {
        self.scheme = scheme
        self.headerName = settings.header
        self.encoding = settings.encoding
        self.prefix = settings.prefix
        self.keys = settings.secrets.map { SymmetricKey(data: Array($0.value.utf8)) }
    }

    var credentialHeaders: Set<String> { [headerName.lowercased()] }

    func verify(_ request: InboundRequest) throws(InboundError) -> VerificationReport {
        guard let field = HTTPField.Name(headerName), let value = request.headers[field], !value.isEmpty else {
            throw InboundError(.signatureMissing, "the request has no \(headerName) header")
        }
        var text = Substring(value).trimmingSpaces
        guard text.hasPrefix(prefix) else {
            throw InboundError(.signatureMismatch, "the \(headerName) header does not start with '\(prefix)'")
        }
        text = text.dropFirst(prefix.count)
        let decoded = encoding == .hex ? SignatureText.hexBytes(text) : SignatureText.base64Bytes(text)
        guard let signature = decoded else {
            throw InboundError(.signatureMismatch, "the \(headerName) header is not a \(encoding.rawValue) signature")
        }
        for (index, key) in keys.enumerated()
        where HMAC<Hash>.isValidAuthenticationCode(signature, authenticating: request.body, using: key) {
            return VerificationReport(scheme: scheme, secretNumber: index + 1)
        }
        throw InboundError(.signatureMismatch, "the signature in \(headerName) does not match the body with any configured secret")
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var slice = self
        while slice.first == " " || slice.first == "\t" { slice.removeFirst() }
        while slice.last == " " || slice.last == "\t" { slice.removeLast() }
        return slice
    }
}
