import Foundation

/// One helpdesk account events can be sent to, as the rules define it.
package struct DestinationDefinition: Sendable, Equatable {
    package var name: String
    package var vendor: VendorProfile
    /// The account's base URL, such as `https://support.example.com`.
    package var baseURL: String
    /// The API credential; `nil` or empty means the destination runs in dry run.
    package var credential: Secret?
    /// The most requests the gateway sends in a period; `nil` for the vendor's documented limit, if any.
    package var rateLimit: RateLimit?
    /// The most requests in flight at once; `nil` for no limit beyond the worker's.
    package var concurrency: Int?
    /// The vendor's own settings (`VendorProfile.destinationSettings`), by key: what belongs to the account
    /// rather than to one event.
    package var settings: [String: VendorSettingValue]

    package init(
        name: String, vendor: VendorProfile, baseURL: String, credential: Secret? = nil, rateLimit: RateLimit? = nil, concurrency: Int? = nil,
        settings: [String: VendorSettingValue] = [:]
    ) {
        self.name = name
        self.vendor = vendor
        self.baseURL = baseURL
        self.credential = credential
        self.rateLimit = rateLimit
        self.concurrency = concurrency
        self.settings = settings
    }

    /// The limit requests to this destination keep to.
    package var effectiveRateLimit: RateLimit? { rateLimit ?? vendor.documentedRateLimit }

    /// The base URL as an operator may see it: any user name, password, query or fragment written into it left out.
    package var shownURL: String {
        guard var components = URLComponents(string: baseURL), components.scheme != nil else { return "(not a URL)" }
        components.user = nil
        components.password = nil
        components.query = nil
        components.fragment = nil
        return components.string ?? "(not a URL)"
    }

    /// True when no credential is set: requests are written to the audit instead of being sent.
    package var isDryRun: Bool { credential?.isEmpty ?? true }

    /// The vendor setting `key` when it is a number.
    package func integer(_ key: String) -> Int? {
        if case .integer(let value)? = settings[key] { value } else { nil }
    }

    /// The vendor setting `key` when it is text.
    package func text(_ key: String) -> String? {
        if case .text(let value)? = settings[key] { value } else { nil }
    }
}
