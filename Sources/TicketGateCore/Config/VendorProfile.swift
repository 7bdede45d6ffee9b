import Foundation

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
    /// What the credential must be, when the vendor prescribes its form.
    package var credentialFormat: VendorSetting?
    /// The vendor's requests carry the normalized event itself, which the delivery worker then reads for it.
    package var sendsEvent: Bool
    /// The settings of its own a rule's `set:` or `defaults:` may make for a ticket at this vendor; the draft
    /// carries them as `TicketDraft.vendorSettings`, and only the vendor's client reads them.
    package var ruleSettings: [VendorSetting]

    package init(
        name: String, displayName: String, credentialKey: String = "token", opensConversations: Bool = true, hasBrands: Bool = false,
        brandNeededToOpen: Bool = false, hasOrders: Bool = false, status: Status? = nil, nextActions: [String] = [],
        documentedRateLimit: RateLimit? = nil, ignoredSettings: [String] = [], destinationSettings: [VendorSetting] = [],
        ruleSettings: [VendorSetting] = [], credentialFormat: VendorSetting? = nil, sendsEvent: Bool = false
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
        self.ruleSettings = ruleSettings
        self.credentialFormat = credentialFormat
        self.sendsEvent = sendsEvent
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
        /// One of these names.
        case choice([String])
        /// A rule's Mustache template of JSON: rendered when the rules decide, with the names `subject:` and
        /// `message:` templates know, each value written inside a JSON string; the draft carries what it
        /// rendered.
        case jsonTemplate
    }

    package var key: String
    package var kind: Kind
    package var isRequired: Bool

    package init(_ key: String, _ kind: Kind, isRequired: Bool = false) {
        self.key = key
        self.kind = kind
        self.isRequired = isRequired
    }

    /// What the value must be, for errors: "a whole number from 1 up", "one of low, normal".
    package var expected: String {
        switch kind {
        case .positiveInteger: "a whole number from 1 up"
        case .text(let expected, _): expected
        case .timeZone: "an IANA time zone name such as Europe/Amsterdam"
        case .choice(let names): "one of \(names.joined(separator: ", "))"
        case .jsonTemplate: "a template"
        }
    }

    /// Whether `value` is one this setting takes.
    package func accepts(_ value: VendorSettingValue) -> Bool {
        switch (kind, value) {
        case (.positiveInteger, .integer(let number)): number > 0
        case (.text(_, let isValid), .text(let text)): isValid(text)
        case (.timeZone, .text(let zone)): TimeZone(identifier: zone) != nil
        case (.choice(let names), .text(let name)): names.contains(name)
        case (.jsonTemplate, .text): true
        default: false
        }
    }
}

/// The value of a vendor setting in a destination or a draft: a JSON number or string.
package enum VendorSettingValue: Sendable, Equatable, Codable, CustomStringConvertible {
    case integer(Int)
    case text(String)

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            self = .integer(number)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .integer(let number): try container.encode(number)
        case .text(let text): try container.encode(text)
        }
    }

    package var description: String {
        switch self {
        case .integer(let number): String(number)
        case .text(let text): text
        }
    }

    /// The number, when it is one.
    package var integer: Int? {
        if case .integer(let number) = self { number } else { nil }
    }

    /// The text, when it is text.
    package var text: String? {
        if case .text(let text) = self { text } else { nil }
    }
}
