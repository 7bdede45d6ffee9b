/// What the provider said about spam and sender authentication, where it says anything.
public struct SpamSignals: Sendable, Codable, Equatable {
    /// The provider's spam score; higher is more likely spam.
    public var score: Double?
    /// The provider's verdict, such as `Yes`/`No` or `PASS`/`FAIL`.
    public var verdict: String?
    public var spf: String?
    public var dkim: String?
    public var dmarc: String?

    public init(score: Double? = nil, verdict: String? = nil, spf: String? = nil, dkim: String? = nil, dmarc: String? = nil) {
        self.score = score
        self.verdict = verdict
        self.spf = spf
        self.dkim = dkim
        self.dmarc = dmarc
    }

    /// `nil` when the provider gave no signal at all, so events without signals carry none.
    public var nonEmpty: SpamSignals? {
        score == nil && verdict == nil && spf == nil && dkim == nil && dmarc == nil ? nil : self
    }
}
