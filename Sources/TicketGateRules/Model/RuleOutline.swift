import TicketGateCore

extension RuleSet {
    /// The rules, in the order they are tried.
    package var outlines: [RuleOutline] {
        rules.map { rule in
            let action: String
            switch rule.action {
            case .drop(let reason):
                action = "drop: \(reason)"
            case .set(let settings):
                var parts: [String] = []
                if let destination = settings.destination { parts.append("destination \(destination)") }
                if let fallback = settings.fallback { parts.append("fallback \(fallback)") }
                if !settings.tags.isEmpty { parts.append("tags \(settings.tags.joined(separator: ", "))") }
                if let staffOnly = settings.staffOnly { parts.append(staffOnly ? "staff only" : "customer visible") }
                action = parts.isEmpty ? "sets other settings" : parts.joined(separator: "; ")
            }
            return RuleOutline(
                name: rule.name, condition: rule.condition.isAlways ? "" : rule.condition.written, action: action, continues: rule.continues)
        }
    }
}

extension RuleSet {
    /// What `defaults:` sets, key by key as the rules write them, in the order `set:` lists its keys; every
    /// event starts from these before the rules apply.
    package var defaultsOutline: [(key: String, value: String)] {
        defaults.outline
    }
}

extension RuleSettings {
    /// Each setting made, as `key` and the value written for it.
    var outline: [(key: String, value: String)] {
        let entries: [(String, String?)] = [
            ("destination", destination), ("fallback", fallback), ("tags", tags.isEmpty ? nil : tags.joined(separator: ", ")),
            ("remove_tags", removeTags.isEmpty ? nil : removeTags.joined(separator: ", ")),
            ("assignee", assignee.map(Self.written)), ("staff_only", staffOnly.map { $0 ? "true" : "false" }), ("note", note),
            ("metadata", metadata?.joined(separator: ", ")), ("brand", brand.map(String.init)), ("status", status), ("next_action", nextAction),
            ("subject", subject?.source), ("message", message?.source), ("reply_to", replyTo.map(Self.written)),
            ("order", order.map(Self.written)),
        ]
        let own = vendorSettings.sorted { $0.key < $1.key }.map { ($0.key, $0.value.written) }
        return entries.compactMap { key, value in value.map { (key, $0) } } + own
    }

    private static func written(_ assignee: AssigneeSetting) -> String {
        switch assignee {
        case .fixed(let id): "\(id)"
        case .rotation(let rotation): "in turn from \(rotation.pool.map(String.init).joined(separator: ", "))"
        }
    }

    private static func written(_ reference: TicketReference) -> String {
        switch reference {
        case .literal(let value): value
        case .capture(let path, let pattern): "the first capture of \(pattern.source) in \(path)"
        }
    }
}
