/// The helpdesk products the gateway can deliver to, with what each one's API can do.
public enum VendorKind: String, Sendable, Codable, CaseIterable {
    case spp
    case omnidesk
    case initdesk

    /// Tickets can be filed under a brand (Omnidesk's `brandID`).
    public var hasBrands: Bool { self == .omnidesk }

    /// The documented API can open a new conversation. Initdesk's can only answer existing tickets.
    public var opensConversations: Bool { self != .initdesk }

    /// Messages can carry a next action (Initdesk's `next_action`).
    public var hasNextAction: Bool { self == .initdesk }

    /// Events can be posted to an order (SPP's order messages).
    public var hasOrders: Bool { self == .spp }

    /// What `status` means: SPP's numeric ticket status, Omnidesk's `submitStatus`; Initdesk has none.
    public var statusIsNumeric: Bool? {
        switch self {
        case .spp: true
        case .omnidesk: false
        case .initdesk: nil
        }
    }

    /// The name of the credential key in a destination block.
    public var credentialKey: String { self == .omnidesk ? "api_key" : "token" }

    /// The limit the vendor documents, applied when a destination sets none: Initdesk allows 60 requests a
    /// minute per token.
    public var documentedRateLimit: RateLimit? {
        self == .initdesk ? RateLimit(requests: 60, per: .seconds(60)) : nil
    }

    /// The vendor's name as people write it.
    public var displayName: String {
        switch self {
        case .spp: "SPP"
        case .omnidesk: "Omnidesk"
        case .initdesk: "Initdesk"
        }
    }
}

/// One helpdesk account events can be sent to, as the rules define it.
public struct DestinationDefinition: Sendable, Equatable {
    public var name: String
    public var vendor: VendorKind
    /// The account's base URL, such as `https://acme.spp.co`.
    public var baseURL: String
    /// The API credential; `nil` or empty means the destination runs in dry run.
    public var credential: Secret?
    /// Initdesk's numeric organization id.
    public var organization: Int?
    /// The most requests the gateway sends in a period; `nil` for the vendor's documented limit, if any.
    public var rateLimit: RateLimit?
    /// The most requests in flight at once; `nil` for no limit beyond the worker's.
    public var concurrency: Int?
    /// Omnidesk settings that belong to the account rather than to one event.
    public var omnidesk: OmnideskSettings

    public init(
        name: String, vendor: VendorKind, baseURL: String, credential: Secret? = nil, organization: Int? = nil, rateLimit: RateLimit? = nil,
        concurrency: Int? = nil, omnidesk: OmnideskSettings = OmnideskSettings()
    ) {
        self.name = name
        self.vendor = vendor
        self.baseURL = baseURL
        self.credential = credential
        self.organization = organization
        self.rateLimit = rateLimit
        self.concurrency = concurrency
        self.omnidesk = omnidesk
    }

    /// The limit requests to this destination keep to.
    public var effectiveRateLimit: RateLimit? { rateLimit ?? vendor.documentedRateLimit }

    /// True when no credential is set: requests are written to the audit instead of being sent.
    public var isDryRun: Bool { credential?.isEmpty ?? true }
}
