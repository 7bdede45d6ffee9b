/// What a helpdesk's documented API can do, and the settings its destinations take beyond the common ones.
/// Each vendor's folder in `TicketGateVendors` describes its own; the rules loader checks destinations and
/// rules against these, and the delivery worker paces requests by `documentedRateLimit`.
package struct VendorProfile: Sendable, Equatable, CustomStringConvertible {
    /// What a ticket's `status` is to the vendor.
    package enum Status: Sendable {
        /// A number: the vendor's ticket status id.
        case numeric
        /// A name the vendor defines.
        case named
    }

    /// The `vendor:` value of a destination.
    package var name: String
    /// The vendor's name as people write it.
    package var displayName: String
    /// The key of a destination's API credential.
    package var credentialKey: String
    /// The API can open a new conversation; without it, rules must answer an existing ticket (`reply_to`).
    package var opensConversations: Bool
    /// Tickets can be filed under a brand; `brandNeededToOpen` when a new conversation must have one (from
    /// the rules or the destination's `brand` setting).
    package var hasBrands: Bool
    package var brandNeededToOpen: Bool
    /// Events can be posted to an order (`order`).
    package var hasOrders: Bool
    /// What `status` is, or `nil` when the vendor takes none.
    package var status: Status?
    /// The `next_action` values the vendor takes (the empty one included when it may be left empty); none
    /// when it takes no next action.
    package var nextActions: [String]
    /// The limit the vendor documents, applied when a destination sets none.
    package var documentedRateLimit: RateLimit?
    /// The rule settings its API has no field for: a rule that sets one is warned that it is ignored.
    package var ignoredSettings: [String]
    /// The settings a destination of this vendor takes besides `vendor`, `url`, the credential, `rate_limit`
    /// and `concurrency`.
    package var destinationSettings: [VendorSetting]

    package init(
        name: String, displayName: String, credentialKey: String = "token", opensConversations: Bool = true, hasBrands: Bool = false,
        brandNeededToOpen: Bool = false, hasOrders: Bool = false, status: Status? = nil, nextActions: [String] = [],
        documentedRateLimit: RateLimit? = nil, ignoredSettings: [String] = [], destinationSettings: [VendorSetting] = []
    ) {
        self.name = name
        self.displayName = displayName
        self.credentialKey = credentialKey
        self.opensConversations = opensConversations
        self.hasBrands = hasBrands
        self.brandNeededToOpen = brandNeededToOpen
        self.hasOrders = hasOrders
        self.status = status
        self.nextActions = nextActions
        self.documentedRateLimit = documentedRateLimit
        self.ignoredSettings = ignoredSettings
        self.destinationSettings = destinationSettings
    }

    /// A vendor is known by its name.
    package static func == (lhs: VendorProfile, rhs: VendorProfile) -> Bool {
        lhs.name == rhs.name
    }

    package var description: String { name }
}

/// One setting a vendor's destinations take, and what its value must be.
package struct VendorSetting: Sendable {
    package enum Kind: Sendable {
        /// A whole number from 1 up.
        case positiveInteger
        /// Text that `isValid` accepts; `expected` says what it must be, for the error.
        case text(expected: String, isValid: @Sendable (String) -> Bool)
        /// An IANA time zone name, such as `Europe/Amsterdam`.
        case timeZone
    }

    package var key: String
    package var kind: Kind
    package var isRequired: Bool

    package init(_ key: String, _ kind: Kind, isRequired: Bool = false) {
        self.key = key
        self.kind = kind
        self.isRequired = isRequired
    }
}

/// The value of a vendor setting in a destination.
package enum VendorSettingValue: Sendable, Equatable {
    case integer(Int)
    case text(String)
}
