import Crypto
import Foundation

/// Signs test payloads the way providers do.
enum Signing {
    static func hmacSHA256(_ body: String, secret: String) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Data(body.utf8), using: SymmetricKey(data: Data(secret.utf8))))
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// `sha256=<hex>`, the header value of the sample rules.
    static func header(_ body: String, secret: String) -> String {
        "sha256=" + hex(hmacSHA256(body, secret: secret))
    }
}
