/// What the provider said about spam and sender authentication, where it says anything.
package struct SpamSignals: Sendable, Codable, Equatable {
    /// The provider's spam score; higher is more likely spam.
    package var score: Double?
    /// The provider's verdict, such as `Yes`/`No` or `PASS`/`FAIL`.
    package var verdict: String?
    package var spf: String?
    package var dkim: String?
    package var dmarc: String?

    package init(score: Double? = nil, verdict: String? = nil, spf: String? = nil, dkim: String? = nil, dmarc: String? = nil) {
        self.score = score
        self.verdict = verdict
        self.spf = spf
        self.dkim = dkim
        self.dmarc = dmarc
    }

    /// `nil` when the provider gave no signal at all, so events without signals carry none.
    package var nonEmpty: SpamSignals? {
        score == nil && verdict == nil && spf == nil && dkim == nil && dmarc == nil ? nil : self
    }
}
