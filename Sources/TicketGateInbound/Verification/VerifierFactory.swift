import TicketGateCore

/// Builds the verifier a source's `verify:` block describes.
enum VerifierFactory {
    static func make(_ settings: VerificationSettings) -> any SignatureVerifier {
        if let profile = HMACProfile.make(settings) {
            return HMACVerifier(profile: profile, settings: settings)
        }
        switch settings.scheme {
        case .mailgun: return MailgunVerifier(settings: settings)
        case .basic: return BasicAuthVerifier(settings: settings)
        case .token: return TokenVerifier(settings: settings)
        default: return UnsignedVerifier()
        }
    }
}
