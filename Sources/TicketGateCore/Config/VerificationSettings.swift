/// How a source proves that a request came from its provider (the `verify:` block of a source).
/// Fields left `nil` take the scheme's defaults.
package struct VerificationSettings: Sendable, Equatable {
    /// The verification schemes the gateway knows.
    package enum Scheme: String, Sendable, CaseIterable {
        /// HMAC of the raw body (or of `signed` content) in one header.
        case hmacSHA256 = "hmac-sha256"
        case hmacSHA1 = "hmac-sha1"
        case hmacSHA512 = "hmac-sha512"
        /// `webhook-id`, `webhook-timestamp`, `webhook-signature` (also sent as `svix-*`).
        case standardWebhooks = "standard-webhooks"
        /// `Stripe-Signature: t=…,v1=…`, also used by Formspree.
        case stripe
        /// `X-Slack-Signature: v0=…` with `X-Slack-Request-Timestamp`.
        case slack
        /// `timestamp`, `token` and `signature` fields in the body.
        case mailgun
        /// `Typeform-Signature: sha256=<base64>`.
        case typeform
        /// `x-webflow-signature` with `x-webflow-timestamp` in milliseconds.
        case webflow
        /// HTTP basic authentication; each secret is `user:password`.
        case basic
        /// A static token in a header or a query parameter.
        case token
        /// No verification; must be written out in the rules.
        case none
    }

    /// How signature bytes are written.
    package enum Encoding: String, Sendable, CaseIterable {
        case hex
        case base64
    }

    /// The unit of a signed timestamp.
    package enum TimestampUnit: String, Sendable, CaseIterable {
        case seconds = "s"
        case milliseconds = "ms"
    }

    /// How far a signed timestamp may be from the gateway's clock unless a source says otherwise: 5 minutes.
    package static let defaultTolerance = Duration.seconds(300)

    package var scheme: Scheme
    /// The header that carries the signature or credential.
    package var header: String?
    package var encoding: Encoding?
    /// Text before the signature or token, such as `sha256=` or `Bearer `.
    package var prefix: String?
    /// What is signed, with `{body}`, `{timestamp}` and `{id}` placeholders, such as `{timestamp}.{body}`.
    package var signedContent: String?
    package var timestampHeader: String?
    package var timestampUnit: TimestampUnit?
    /// The header with the provider's delivery id, remembered to refuse replays.
    package var idHeader: String?
    /// For `token`: the query parameter that carries it, for senders that cannot set headers.
    package var query: String?
    /// How far a signed timestamp may be in the past or the future.
    package var tolerance: Duration
    /// Every secret currently accepted; more than one while a secret is rotated.
    package var secrets: [Secret]

    package init(
        scheme: Scheme,
        header: String? = nil,
        encoding: Encoding? = nil,
        prefix: String? = nil,
        signedContent: String? = nil,
        timestampHeader: String? = nil,
        timestampUnit: TimestampUnit? = nil,
        idHeader: String? = nil,
        query: String? = nil,
        tolerance: Duration = VerificationSettings.defaultTolerance,
        secrets: [Secret] = []
    ) {
        self.scheme = scheme
        self.header = header
        self.encoding = encoding
        self.prefix = prefix
        self.signedContent = signedContent
        self.timestampHeader = timestampHeader
        self.timestampUnit = timestampUnit
        self.idHeader = idHeader
        self.query = query
        self.tolerance = tolerance
        self.secrets = secrets
    }

    /// Accepts every request unsigned.
    package static let none = VerificationSettings(scheme: .none)
}
