import TicketGateCore

/// Parses one entry of `sources:`.
struct SourceParser {
    let values: ValueReader
    /// The formats each kind accepts in this build.
    let formats: [EventKind: [String]]

    static let keys = ["kind", "format", "verify", "fields", "max_body_bytes"]

    func parse(name: String, _ node: ConfigNode, diagnostics: inout Diagnostics) -> SourceDefinition? {
        let what = "source '\(name)'"
        guard let map = MappingReader(node, what: what, allowed: Self.keys, diagnostics: &diagnostics) else { return nil }
        let kind = map.required("kind", what: what, diagnostics: &diagnostics).flatMap {
            values.choice($0, what: "kind", as: EventKind.self, diagnostics: &diagnostics)
        }
        let format = parseFormat(map["format"], kind: kind, source: node, diagnostics: &diagnostics)
        let verification: VerificationSettings?
        if let verifyNode = map["verify"] {
            verification = VerificationParser(values: values).parse(verifyNode, source: name, diagnostics: &diagnostics)
        } else {
            diagnostics.error("\(what) needs 'verify'; write 'verify: { scheme: none }' to accept unsigned requests", at: node)
            verification = nil
        }
        let fields = map["fields"].map { parseFieldMap($0, source: name, diagnostics: &diagnostics) } ?? FieldMap()
        let maxBody = map["max_body_bytes"].map { parseSize($0, diagnostics: &diagnostics) } ?? SourceDefinition.defaultMaxBodyBytes
        guard let kind, let format, let verification, let fields, let maxBody else { return nil }
        return SourceDefinition(name: name, kind: kind, format: format, verification: verification, fields: fields, maxBodyBytes: maxBody)
    }

    /// The source's format, `generic` when it names none, checked against what this build can read.
    private func parseFormat(_ node: ConfigNode?, kind: EventKind?, source: ConfigNode, diagnostics: inout Diagnostics) -> String? {
        let format = node.map { values.nonEmptyString($0, what: "format", diagnostics: &diagnostics) } ?? "generic"
        guard let format, let kind else { return nil }
        let known = formats[kind] ?? []
        guard known.contains(format) else {
            let node = node ?? source
            let list = known.isEmpty ? "none yet" : known.joined(separator: ", ")
            diagnostics.error(
                "format '\(format)' is not available for kind \(kind.rawValue) (available: \(list))\(Suggestion.hint(for: format, in: known))",
                at: node)
            return nil
        }
        return format
    }

    private func parseFieldMap(_ node: ConfigNode, source: String, diagnostics: inout Diagnostics) -> FieldMap? {
        let what = "fields of source '\(source)'"
        guard let map = MappingReader(node, what: what, allowed: ["email", "name", "subject", "message"], diagnostics: &diagnostics) else {
            return nil
        }
        var fields = FieldMap()
        let targets: [(String, WritableKeyPath<FieldMap, String>)] = [
            ("email", \.email), ("name", \.name), ("subject", \.subject), ("message", \.message),
        ]
        for (key, path) in targets {
            guard let valueNode = map[key] else { continue }
            guard let payloadField = values.nonEmptyString(valueNode, what: "fields.\(key)", diagnostics: &diagnostics) else { return nil }
            fields[keyPath: path] = payloadField
        }
        return fields
    }

    private func parseSize(_ node: ConfigNode, diagnostics: inout Diagnostics) -> Int? {
        guard let size = values.int(node, what: "max_body_bytes", diagnostics: &diagnostics) else { return nil }
        guard size > 0 else {
            diagnostics.error("max_body_bytes must be more than 0", at: node)
            return nil
        }
        return size
    }
}
