import TicketGateCore

/// Parses a source's `verify:` block.
struct VerificationParser {
    let values: ValueReader

    func parse(_ node: ConfigNode, source: String, diagnostics: inout Diagnostics) -> VerificationSettings? {
        let what = "verify of source '\(source)'"
        guard let map = MappingReader(node, what: what, allowed: ["scheme", "header", "encoding", "prefix", "secrets"], diagnostics: &diagnostics),
            let schemeNode = map.required("scheme", what: what, diagnostics: &diagnostics),
            let scheme = values.choice(schemeNode, what: "scheme", as: VerificationSettings.Scheme.self, diagnostics: &diagnostics)
        else { return nil }

        switch scheme {
        case .none:
            for key in ["header", "encoding", "prefix", "secrets"] {
                if let extra = map[key] {
                    diagnostics.error("scheme none takes no '\(key)'; remove it or choose a signing scheme", at: extra)
                }
            }
            return VerificationSettings.none
        case .hmacSHA256:
            return parseHMAC(map, scheme: scheme, what: what, diagnostics: &diagnostics)
        }
    }

    private func parseHMAC(
        _ map: MappingReader,
        scheme: VerificationSettings.Scheme,
        what: String,
        diagnostics: inout Diagnostics
    ) -> VerificationSettings? {
        let header = map.required("header", what: what, diagnostics: &diagnostics).flatMap { node -> String? in
            guard let name = values.nonEmptyString(node, what: "header", diagnostics: &diagnostics) else { return nil }
            guard Self.isHeaderName(name) else {
                diagnostics.error("header '\(name)' is not a valid HTTP header name", at: node)
                return nil
            }
            return name
        }
        let encoding =
            map["encoding"].map {
                values.choice($0, what: "encoding", as: VerificationSettings.Encoding.self, diagnostics: &diagnostics)
            } ?? .hex
        let prefix = map["prefix"].map { values.string($0, what: "prefix", diagnostics: &diagnostics) } ?? ""
        let secrets = map.required("secrets", what: what, diagnostics: &diagnostics).flatMap { node in
            parseSecrets(node, diagnostics: &diagnostics)
        }
        guard let header, let encoding, let prefix, let secrets else { return nil }
        return VerificationSettings(scheme: scheme, header: header, encoding: encoding, prefix: prefix, secrets: secrets)
    }

    private func parseSecrets(_ node: ConfigNode, diagnostics: inout Diagnostics) -> [Secret]? {
        guard let list = values.stringList(node, what: "secrets", diagnostics: &diagnostics) else { return nil }
        if list.isEmpty {
            diagnostics.error("secrets must list at least one secret", at: node)
            return nil
        }
        if list.contains(where: \.isEmpty) {
            diagnostics.error("a secret must not be empty; is its environment variable set to an empty string?", at: node)
            return nil
        }
        return list.map(Secret.init)
    }

    /// RFC 9110 token characters.
    static func isHeaderName(_ name: String) -> Bool {
        name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "!#$%&'*+-.^_`|~".contains($0)) }
    }
}
