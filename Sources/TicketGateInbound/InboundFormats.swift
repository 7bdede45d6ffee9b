import TicketGateCore

/// The formats this build reads, by kind. Adding a provider adds one folder and one line here.
package enum InboundFormats {
    private typealias Factory = @Sendable (SourceDefinition) -> any EventNormalizer

    private static let normalizers: [EventKind: [String: Factory]] = [
        .form: [
            "generic": { GenericFormNormalizer(fields: $0.fields) },
            "typeform": { _ in TypeformNormalizer() },
            "tally": { _ in TallyNormalizer() },
            "webflow": { _ in WebflowNormalizer() },
            "jotform": { _ in JotformNormalizer() },
        ],
        .chat: [
            "generic": { _ in GenericChatNormalizer() },
            "intercom": { _ in IntercomNormalizer() },
            "crisp": { _ in CrispNormalizer() },
            "tawkto": { _ in TawktoNormalizer() },
            "sunshine": { _ in SunshineNormalizer() },
        ],
        .email: [
            "mailgun": { _ in MailgunNormalizer() },
            "sendgrid": { _ in SendGridNormalizer() },
            "postmark": { _ in PostmarkNormalizer() },
        ],
    ]

    /// The formats each kind accepts, for the rules loader.
    package static var supported: [EventKind: [String]] {
        normalizers.mapValues { $0.keys.sorted() }
    }

    static func normalizer(for source: SourceDefinition) -> any EventNormalizer {
        guard let factory = normalizers[source.kind]?[source.format] else {
            preconditionFailure("the rules loader accepted format \(source.format) for \(source.kind), which this build cannot read")
        }
        return factory(source)
    }
}
