import Crypto

/// Compares presented credentials with the configured ones in constant time, whatever their lengths: each is
/// reduced to an HMAC under a key made for this process, and the MACs are compared.
struct SecretMatcher: Sendable {
    private let key = SymmetricKey(size: .bits256)
    private let expected: [HashedAuthenticationCode<SHA256>]

    init(_ secrets: [String]) {
        expected = secrets.map { [key] secret in HMAC<SHA256>.authenticationCode(for: Array(secret.utf8), using: key) }
    }

    /// Which secret `presented` equals, counting from 1.
    func match(_ presented: String) -> Int? {
        let bytes = Array(presented.utf8)
        for (index, code) in expected.enumerated() where HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: bytes, using: key) {
            return index + 1
        }
        return nil
    }
}
