import Foundation
import TicketGateCore

/// Parses one entry of `destinations:`. Each vendor (`VendorProfile`) names its credential key and the settings
/// its destinations take; every destination may limit its request rate and concurrency.
struct DestinationParser {
    let values: ValueReader
    /// The vendors this build delivers to.
    let vendors: [VendorProfile]

    /// The most requests a destination may have in flight: the delivery worker runs at most a few thousand.
    static let maximumConcurrency = 4096

    /// The keys a vendor's destination accepts.
    static func keys(for vendor: VendorProfile) -> [String] {
        ["vendor", "url", vendor.credentialKey, "rate_limit", "concurrency"] + vendor.destinationSettings.map(\.key)
    }

    /// The keys any destination accepts.
    static func allKeys(_ vendors: [VendorProfile]) -> [String] { Array(Set(vendors.flatMap(keys(for:)))).sorted() }

    func parse(name: String, _ node: ConfigNode, diagnostics: inout Diagnostics) -> DestinationDefinition? {
        let what = "destination '\(name)'"
        let allKeys = Self.allKeys(vendors)
        guard let map = MappingReader(node, what: what, allowed: allKeys, diagnostics: &diagnostics) else { return nil }
        guard let vendorNode = map.required("vendor", what: what, diagnostics: &diagnostics),
            let vendor = parseVendor(vendorNode, diagnostics: &diagnostics)
        else { return nil }
        var valid = true
        for key in allKeys where !Self.keys(for: vendor).contains(key) {
            if let extra = map[key] {
                diagnostics.error(
                    "a \(vendor.displayName) destination takes no '\(key)'\(Suggestion.hint(for: key, in: Self.keys(for: vendor)))", at: extra)
                valid = false
            }
        }
        let url = map.required("url", what: what, diagnostics: &diagnostics).flatMap { parseURL($0, diagnostics: &diagnostics) }
        let credential = map[vendor.credentialKey].map { values.string($0, what: vendor.credentialKey, diagnostics: &diagnostics) } ?? ""
        if let credential, !credential.isEmpty, VerificationParser.isBlank(credential), let node = map[vendor.credentialKey] {
            diagnostics.error(
                "\(vendor.credentialKey) is only white space (spaces, tabs, line breaks), which is no credential; leave it empty or unset for dry-run",
                at: node)
            valid = false
        } else if let credential, !credential.isEmpty, let format = vendor.credentialFormat, !format.accepts(.text(credential)),
            let node = map[vendor.credentialKey]
        {
            diagnostics.error("\(vendor.credentialKey) must be \(format.expected)", at: node)
            valid = false
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
        var settings: [String: VendorSettingValue] = [:]
        for setting in vendor.destinationSettings {
            guard let node = setting.isRequired ? map.required(setting.key, what: what, diagnostics: &diagnostics) : map[setting.key] else {
                valid = valid && !setting.isRequired
                continue
            }
            if let value = VendorSettingParser(values: values).parse(setting, node, diagnostics: &diagnostics) {
                settings[setting.key] = value
            } else {
                valid = false
            }
        }
        guard valid, let url, let credential else { return nil }
        return DestinationDefinition(
            name: name, vendor: vendor, baseURL: url, credential: credential.isEmpty ? nil : Secret(credential), rateLimit: rateLimit,
            concurrency: concurrency, settings: settings
        )
    }

    private func parseVendor(_ node: ConfigNode, diagnostics: inout Diagnostics) -> VendorProfile? {
        guard let text = values.string(node, what: "vendor", diagnostics: &diagnostics) else { return nil }
        if let vendor = vendors.first(where: { $0.name == text }) { return vendor }
        let names = vendors.map(\.name)
        diagnostics.error(
            "vendor must be one of \(names.joined(separator: ", ")), found '\(text)'\(Suggestion.hint(for: text, in: names))", at: node)
        return nil
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
            diagnostics.error("url must be an http or https URL such as https://support.example.com, found '\(text)'", at: node)
            return nil
        }
        return text
    }
}
