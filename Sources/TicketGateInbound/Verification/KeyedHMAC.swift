import Crypto

/// One secret's HMAC, keyed once when the source is built. Keying hashes the padded secret into the inner and
/// outer states; each request copies the keyed state (the digest contexts are copy-on-write), hashes its
/// message into the copy and compares the result in constant time.
struct KeyedHMAC: @unchecked Sendable {
    // `@unchecked`: the keyed states are never mutated after `init`; `isValid` mutates only its own copy.
    private enum Keyed {
        case sha1(HMAC<Insecure.SHA1>)
        case sha256(HMAC<SHA256>)
        case sha512(HMAC<SHA512>)
    }

    private let keyed: Keyed

    init(_ algorithm: HMACProfile.Algorithm, key: SymmetricKey) {
        switch algorithm {
        case .sha1: keyed = .sha1(HMAC(key: key))
        case .sha256: keyed = .sha256(HMAC(key: key))
        case .sha512: keyed = .sha512(HMAC(key: key))
        }
    }

    /// Constant-time check of `signature` over `message`.
    func isValid(_ signature: [UInt8], over message: [UInt8]) -> Bool {
        switch keyed {
        case .sha1(let state): Self.isValid(signature, over: message, from: state)
        case .sha256(let state): Self.isValid(signature, over: message, from: state)
        case .sha512(let state): Self.isValid(signature, over: message, from: state)
        }
    }

    private static func isValid<Hash: HashFunction>(_ signature: [UInt8], over message: [UInt8], from keyed: HMAC<Hash>) -> Bool {
        var mac = keyed
        mac.update(data: message)
        return mac.finalize() == signature
    }
}
