import Foundation
import TicketGateCore

/// Parses one entry of `destinations:`. Each vendor takes its own credential key; Initdesk also needs its
/// organization id; Omnidesk takes the account settings its requests carry. Every destination may limit its
/// request rate and concurrency.
struct DestinationParser {
    let values: ValueReader

    /// The most requests a destination may have in flight: the delivery worker runs at most a few thousand.
    static let maximumConcurrency = 4096

    /// The keys each vendor's destination accepts.
    static func keys(for vendor: VendorKind) -> [String] {
        let own: [String] =
            switch vendor {
            case .spp: []
            case .omnidesk: ["brand", "message_type", "user_id", "time_zone"]
            case .initdesk: ["organization"]
            }
        return ["vendor", "url", vendor.credentialKey, "rate_limit", "concurrency"] + own
    }

    static var allKeys: [String] { Array(Set(VendorKind.allCases.flatMap(keys(for:)))).sorted() }

    func parse(name: String, _ node: ConfigNode, diagnostics: inout Diagnostics) -> DestinationDefinition? {
        let what = "destination '\(name)'"
        guard let map = MappingReader(node, what: what, allowed: Self.allKeys, diagnostics: &diagnostics) else { return nil }
        guard
            let vendor = map.required("vendor", what: what, diagnostics: &diagnostics).flatMap({
                values.choice($0, what: "vendor", as: VendorKind.self, diagnostics: &diagnostics)
            })
        else { return nil }
        var valid = true
        for key in Self.allKeys where !Self.keys(for: vendor).contains(key) {
            if let extra = map[key] {
                diagnostics.error(
                    "a \(vendor.displayName) destination takes no '\(key)'\(Suggestion.hint(for: key, in: Self.keys(for: vendor)))", at: extra)
                valid = false
            }
        }
        let url = map.required("url", what: what, diagnostics: &diagnostics).flatMap { parseURL($0, diagnostics: &diagnostics) }
        let credential = map[vendor.credentialKey].map { values.string($0, what: vendor.credentialKey, diagnostics: &diagnostics) } ?? ""
        var organization: Int?
        if vendor == .initdesk {
            organization = map.required("organization", what: what, diagnostics: &diagnostics).flatMap {
                values.int($0, what: "organization", diagnostics: &diagnostics)
            }
            valid = valid && organization != nil
        }
        var rateLimit: RateLimit?
        if let node = map["rate_limit"] {
            rateLimit = parseRate(node, diagnostics: &diagnostics)
            valid = valid && rateLimit != nil
        }
        var concurrency: Int?
        if let node = map["concurrency"] {
            concurrency = parsePositive(node, what: "concurrency", maximum: Self.maximumConcurrency, diagnostics: &diagnostics)
            valid = valid && concurrency != nil
        }
        let omnidesk = vendor == .omnidesk ? parseOmnidesk(map, diagnostics: &diagnostics) : OmnideskSettings()
        guard valid, let url, let credential, let omnidesk else { return nil }
        return DestinationDefinition(
            name: name, vendor: vendor, baseURL: url, credential: credential.isEmpty ? nil : Secret(credential), organization: organization,
            rateLimit: rateLimit, concurrency: concurrency, omnidesk: omnidesk
        )
    }

    /// `brand`, `message_type`, `user_id` and `time_zone` of an Omnidesk destination.
    private func parseOmnidesk(_ map: MappingReader, diagnostics: inout Diagnostics) -> OmnideskSettings? {
        var settings = OmnideskSettings()
        var valid = true
        if let node = map["brand"] {
            settings.brand = parsePositive(node, what: "brand", diagnostics: &diagnostics)
            valid = valid && settings.brand != nil
        }
        if let node = map["user_id"] {
            settings.userID = parsePositive(node, what: "user_id", diagnostics: &diagnostics)
            valid = valid && settings.userID != nil
        }
        if let node = map["message_type"], let type = values.string(node, what: "message_type", diagnostics: &diagnostics) {
            if OmnideskSettings.isValidMessageType(type) {
                settings.messageType = type
            } else {
                diagnostics.error("message_type must be contactform, calllog or a channel number, found '\(type)'", at: node)
                valid = false
            }
        } else if map["message_type"] != nil {
            valid = false
        }
        if let node = map["time_zone"], let zone = values.nonEmptyString(node, what: "time_zone", diagnostics: &diagnostics) {
            if TimeZone(identifier: zone) != nil {
                settings.timeZone = zone
            } else {
                diagnostics.error("unknown time zone '\(zone)'; use an IANA name such as Europe/Amsterdam", at: node)
                valid = false
            }
        } else if map["time_zone"] != nil {
            valid = false
        }
        return valid ? settings : nil
    }

    /// `60/min`, `10/s`, `1000/h` or `30/10s`.
    private func parseRate(_ node: ConfigNode, diagnostics: inout Diagnostics) -> RateLimit? {
        guard let text = values.string(node, what: "rate_limit", diagnostics: &diagnostics) else { return nil }
        guard let rate = Quantities.rate(text) else {
            diagnostics.error(
                "rate_limit must be 1 to 1000000 requests per period of at most 1d, such as 60/min, 10/s or 1000/h, found '\(text)'", at: node)
            return nil
        }
        return rate
    }

    private func parsePositive(_ node: ConfigNode, what: String, maximum: Int = .max, diagnostics: inout Diagnostics) -> Int? {
        guard let value = values.int(node, what: what, diagnostics: &diagnostics) else { return nil }
        guard value > 0, value <= maximum else {
            let range = maximum == .max ? "at least 1" : "from 1 to \(maximum)"
            diagnostics.error("\(what) must be \(range), found \(value)", at: node)
            return nil
        }
        return value
    }

    /// An `http` or `https` URL with a host; a trailing `/` is dropped.
    private func parseURL(_ node: ConfigNode, diagnostics: inout Diagnostics) -> String? {
        guard var text = values.nonEmptyString(node, what: "url", diagnostics: &diagnostics) else { return nil }
        while text.hasSuffix("/") { text.removeLast() }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else {
            diagnostics.error("url must be an http or https URL such as https://acme.spp.co, found '\(text)'", at: node)
            return nil
        }
        return text
    }
}
