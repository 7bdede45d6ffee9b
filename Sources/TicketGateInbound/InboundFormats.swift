import Crypto
import TicketGateCore

/// The formats and verification schemes this build understands. Adding a provider adds one folder and one line here.
public enum InboundFormats {
    private typealias Factory = @Sendable (SourceDefinition) -> any EventNormalizer

    private static let normalizers: [EventKind: [String: Factory]] = [
        .form: [
            "generic": { GenericFormNormalizer(fieldMap: $0.fields) }
        ]
    ]

    /// The formats each kind accepts, for the rules loader.
    public static var supported: [EventKind: [String]] {
        normalizers.mapValues { $0.keys.sorted() }
    }

    /// Whether this build can read `format` for `kind`.
    public static func isSupported(kind: EventKind, format: String) -> Bool {
        normalizers[kind]?[format] != nil
    }

    static func normalizer(for source: SourceDefinition) -> any EventNormalizer {
        guard let factory = normalizers[source.kind]?[source.format] else {
            preconditionFailure("the rules loader accepted format \(source.format) for \(source.kind), which this build cannot read")
        }
        return factory(source)
    }

    static func verifier(for settings: VerificationSettings) -> any SignatureVerifier {
        switch settings.scheme {
        case .hmacSHA256: HMACSignatureVerifier<SHA256>(scheme: settings.scheme.rawValue, settings: settings)
        case .none: UnsignedVerifier()
        }
    }
}
