import Foundation
import TicketGateCore

/// Parses one entry of `destinations:`. Each vendor takes its own credential key; Initdesk also needs its
/// organization id.
struct DestinationParser {
    let values: ValueReader

    /// The keys each vendor's destination accepts.
    static func keys(for vendor: VendorKind) -> [String] {
        ["vendor", "url", vendor.credentialKey] + (vendor == .initdesk ? ["organization"] : [])
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
        guard valid, let url, let credential else { return nil }
        return DestinationDefinition(
            name: name, vendor: vendor, baseURL: url, credential: credential.isEmpty ? nil : Secret(credential), organization: organization
        )
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
