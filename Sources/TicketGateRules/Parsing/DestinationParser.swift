import Foundation
import TicketGateCore

/// Parses one entry of `destinations:`.
struct DestinationParser {
    let values: ValueReader

    func parse(name: String, _ node: ConfigNode, diagnostics: inout Diagnostics) -> DestinationDefinition? {
        let what = "destination '\(name)'"
        guard let map = MappingReader(node, what: what, allowed: ["vendor", "url", "token"], diagnostics: &diagnostics) else { return nil }
        let vendor = map.required("vendor", what: what, diagnostics: &diagnostics).flatMap {
            values.choice($0, what: "vendor", as: VendorKind.self, diagnostics: &diagnostics)
        }
        let url = map.required("url", what: what, diagnostics: &diagnostics).flatMap { parseURL($0, diagnostics: &diagnostics) }
        let token = map["token"].map { values.string($0, what: "token", diagnostics: &diagnostics) } ?? ""
        guard let vendor, let url, let token else { return nil }
        return DestinationDefinition(name: name, vendor: vendor, baseURL: url, credential: token.isEmpty ? nil : Secret(token))
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
