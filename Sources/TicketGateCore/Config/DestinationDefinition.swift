/// The helpdesk products the gateway can deliver to.
public enum VendorKind: String, Sendable, Codable, CaseIterable {
    case spp
}

/// One helpdesk account events can be sent to, as the rules define it.
public struct DestinationDefinition: Sendable, Equatable {
    public var name: String
    public var vendor: VendorKind
    /// The account's base URL, such as `https://acme.spp.co`.
    public var baseURL: String
    /// The API credential; `nil` or empty means the destination runs in dry run.
    public var credential: Secret?

    public init(name: String, vendor: VendorKind, baseURL: String, credential: Secret? = nil) {
        self.name = name
        self.vendor = vendor
        self.baseURL = baseURL
        self.credential = credential
    }

    /// True when no credential is set: requests are written to the audit instead of being sent.
    public var isDryRun: Bool { credential?.isEmpty ?? true }
}
