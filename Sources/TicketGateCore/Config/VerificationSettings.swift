/// How a source proves that a request came from its provider (the `verify:` block of a source).
public struct VerificationSettings: Sendable, Equatable {
    /// The signature schemes the gateway knows.
    public enum Scheme: String, Sendable, CaseIterable {
        /// HMAC-SHA256 of the raw body, in a header.
        case hmacSHA256 = "hmac-sha256"
        /// No verification; must be written out in the rules.
        case none
    }

    /// How the signature bytes are written in the header.
    public enum Encoding: String, Sendable, CaseIterable {
        case hex
        case base64
    }

    public var scheme: Scheme
    /// The header that carries the signature.
    public var header: String
    public var encoding: Encoding
    /// Text before the signature in the header, such as `sha256=`.
    public var prefix: String
    /// Every secret currently accepted; more than one while a secret is rotated.
    public var secrets: [Secret]

    public init(scheme: Scheme, header: String = "", encoding: Encoding = .hex, prefix: String = "", secrets: [Secret] = []) {
        self.scheme = scheme
        self.header = header
        self.encoding = encoding
        self.prefix = prefix
        self.secrets = secrets
    }

    /// Accepts every request unsigned.
    public static let none = VerificationSettings(scheme: .none)
}
