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

    public init(name: String, vendor: VendorKind, baseURL: String, credential: Secret? = nil, organization: Int? = nil) {
        self.name = name
        self.vendor = vendor
        self.baseURL = baseURL
        self.credential = credential
        self.organization = organization
    }

    /// True when no credential is set: requests are written to the audit instead of being sent.
    public var isDryRun: Bool { credential?.isEmpty ?? true }
}
