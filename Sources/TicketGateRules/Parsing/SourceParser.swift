import TicketGateCore

/// Parses one entry of `sources:`.
struct SourceParser {
    let values: ValueReader
    /// The formats each kind accepts in this build.
    let formats: [EventKind: [String]]

    static let keys = [
        "kind", "format", "verify", "fields", "max_body_bytes", "max_attachments", "max_attachment_bytes", "content_types", "rate_limit",
    ]

    /// The media types a source may accept.
    static let mediaTypes = ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"]

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
        // Read whatever else is wrong, so that one broken block hides nothing; without a kind, the limits are
        // checked against a form's.
        let limits = parseLimits(map, kind: kind ?? .form, diagnostics: &diagnostics)
        guard let kind, let format, let verification, let fields, let limits else {
            return nil
        }
        return SourceDefinition(name: name, kind: kind, format: format, verification: verification, fields: fields, limits: limits)
    }

    private func parseLimits(_ map: MappingReader, kind: EventKind, diagnostics: inout Diagnostics) -> SourceLimits? {
        var limits = SourceLimits(for: kind)
        var valid = true
        let sizes: [(String, WritableKeyPath<SourceLimits, Int>)] = [
            ("max_body_bytes", \.maxBodyBytes), ("max_attachments", \.maxAttachments), ("max_attachment_bytes", \.maxAttachmentBytes),
        ]
        for (key, path) in sizes {
            guard let node = map[key] else { continue }
            if let size = parseSize(node, key: key, diagnostics: &diagnostics) {
                limits[keyPath: path] = size
            } else {
                valid = false
            }
        }
        if let node = map["content_types"] {
            if let types = values.stringList(node, what: "content_types", diagnostics: &diagnostics) {
                if let unknown = types.first(where: { !Self.mediaTypes.contains($0) }) {
                    diagnostics.error("content_types may list \(Self.mediaTypes.joined(separator: ", ")), not '\(unknown)'", at: node)
                    valid = false
                } else {
                    limits.contentTypes = types
                }
            } else {
                valid = false
            }
        }
        if let node = map["rate_limit"] {
            if let text = values.string(node, what: "rate_limit", diagnostics: &diagnostics), let rate = Quantities.rate(text) {
                limits.ratePerClient = rate
            } else {
                diagnostics.error(
                    "rate_limit must be 1 to 1000000 requests per client address per period of at most 1d, such as 60/min or 10/s", at: node)
                valid = false
            }
        }
        return valid ? limits : nil
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
        let targets: [(String, WritableKeyPath<FieldMap, String?>)] = [
            ("email", \.email), ("name", \.name), ("subject", \.subject), ("message", \.message),
        ]
        for (key, path) in targets {
            guard let valueNode = map[key] else { continue }
            guard let payloadField = values.nonEmptyString(valueNode, what: "fields.\(key)", diagnostics: &diagnostics) else { return nil }
            fields[keyPath: path] = payloadField
        }
        return fields
    }

    /// The largest value each size key takes: a body is held in memory and stored in one row, so no source
    /// may accept more than 256 MiB; a thousand files is past any provider's own limit.
    static let maximumSizes = ["max_body_bytes": 256 << 20, "max_attachment_bytes": 256 << 20, "max_attachments": 1000]

    /// A count or a size in bytes, such as `10`, `1048576` or `25MiB`; more than 0 except `max_attachments`.
    private func parseSize(_ node: ConfigNode, key: String, diagnostics: inout Diagnostics) -> Int? {
        guard let text = values.string(node, what: key, diagnostics: &diagnostics) else { return nil }
        let maximum = Self.maximumSizes[key] ?? .max
        guard let size = Quantities.size(text), size > 0 || (key == "max_attachments" && size == 0), size <= maximum else {
            let range = key == "max_attachments" ? "a number from 0 to \(maximum)" : "a positive size of at most 256MiB, such as 10 or 25MiB"
            diagnostics.error("\(key) must be \(range), found '\(text)'", at: node)
            return nil
        }
        return size
    }
}
