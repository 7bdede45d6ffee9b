import TicketGateCore

/// A parsed `set:` or `defaults:` block, with where each setting was written, for the checks that compare
/// settings with the destination's vendor.
struct ParsedSettings {
    var settings = RuleSettings()
    var places: [String: ConfigNode] = [:]
}

/// Parses a rule's `set:` block or the `defaults:` section.
struct SettingsParser {
    let values: ValueReader
    let destinations: Set<String>
    let conditions: ConditionParser
    /// The vendors this build delivers to: the `next_action` values and the settings of their own that some
    /// vendor takes are read here; the destination's vendor's are checked once it is known (`RulesAnalyzer`).
    let vendors: [VendorProfile]

    /// Every `next_action` value the vendors take, in their order, each once.
    static func nextActions(_ vendors: [VendorProfile]) -> [String] {
        var seen = Set<String>()
        return vendors.flatMap(\.nextActions).filter { seen.insert($0).inserted }
    }

    /// The keys `set:` and `defaults:` accept: the common ones, then the vendors' own, each once.
    static func keys(_ vendors: [VendorProfile]) -> [String] {
        var seen = Set(RuleSettings.keys)
        return RuleSettings.keys + vendors.flatMap(\.ruleSettings).map(\.key).filter { seen.insert($0).inserted }
    }

    var keys: [String] { Self.keys(vendors) }

    /// `owner` names the block for rotation keys: the rule's name, or `defaults`.
    func parse(_ map: MappingReader, owner: String, diagnostics: inout Diagnostics) -> ParsedSettings? {
        var parsed = ParsedSettings()
        var valid = true
        for key in keys {
            guard let node = map[key] else { continue }
            parsed.places[key] = node
            if !parse(key, node: node, owner: owner, into: &parsed.settings, diagnostics: &diagnostics) {
                valid = false
            }
        }
        if let staffOnly = map["staff_only"], map["visible_to_customer"] != nil {
            diagnostics.error("staff_only and visible_to_customer are the same setting; use one of them", at: map["visible_to_customer"] ?? staffOnly)
            valid = false
        }
        return valid ? parsed : nil
    }

    /// Parses one setting into `settings`; false when it is invalid (the problem is already reported).
    private func parse(_ key: String, node: ConfigNode, owner: String, into settings: inout RuleSettings, diagnostics: inout Diagnostics) -> Bool {
        switch key {
        case "destination", "fallback":
            guard let name = values.nonEmptyString(node, what: key, diagnostics: &diagnostics) else { return false }
            guard destinations.contains(name) else {
                diagnostics.error("unknown destination '\(name)'\(Suggestion.hint(for: name, in: destinations))", at: node)
                return false
            }
            if key == "destination" { settings.destination = name } else { settings.fallback = name }
        case "tags", "remove_tags":
            guard let tags = values.stringList(node, what: key, diagnostics: &diagnostics) else { return false }
            guard !tags.contains(where: \.isEmpty) else {
                diagnostics.error("\(key) must not contain empty tags", at: node)
                return false
            }
            if key == "tags" { settings.tags = tags } else { settings.removeTags = tags }
        case "assignee":
            guard let assignee = parseAssignee(node, owner: owner, diagnostics: &diagnostics) else { return false }
            settings.assignee = assignee
        case "staff_only", "visible_to_customer":
            guard let flag = values.bool(node, what: key, diagnostics: &diagnostics) else { return false }
            settings.staffOnly = key == "staff_only" ? flag : !flag
        case "note":
            guard let note = values.string(node, what: "note", diagnostics: &diagnostics) else { return false }
            settings.note = note
        case "metadata":
            guard let metadata = values.stringList(node, what: "metadata", diagnostics: &diagnostics) else { return false }
            settings.metadata = metadata
        case "brand":
            guard let brand = values.int(node, what: "brand", diagnostics: &diagnostics) else { return false }
            settings.brand = brand
        case "status":
            guard let status = values.nonEmptyString(node, what: "status", diagnostics: &diagnostics) else { return false }
            settings.status = status
        case "next_action":
            guard let action = values.string(node, what: "next_action", diagnostics: &diagnostics) else { return false }
            let nextActions = Self.nextActions(vendors)
            guard nextActions.contains(action) else {
                let names = nextActions.filter { !$0.isEmpty }
                diagnostics.error(
                    "next_action must be one of \(names.joined(separator: ", ")) or empty, found '\(action)'\(Suggestion.hint(for: action, in: names))",
                    at: node)
                return false
            }
            settings.nextAction = action
        case "subject", "message":
            guard let template = parseTemplate(node, what: key, diagnostics: &diagnostics) else { return false }
            if key == "subject" { settings.subject = template } else { settings.message = template }
        case "reply_to", "order":
            guard let reference = parseReference(node, what: key, diagnostics: &diagnostics) else { return false }
            if key == "reply_to" { settings.replyTo = reference } else { settings.order = reference }
        default:
            guard let value = parseVendorSetting(key, node: node, diagnostics: &diagnostics) else { return false }
            settings.vendorSettings[key] = value
        }
        return true
    }

    /// A setting some vendors take as their own: read as each of them would, and kept as the first that reads
    /// it without error. Whether the destination's vendor takes it is checked once that is known.
    private func parseVendorSetting(_ key: String, node: ConfigNode, diagnostics: inout Diagnostics) -> VendorRuleSetting? {
        let takers = vendors.compactMap { vendor in vendor.ruleSettings.first { $0.key == key }.map { (vendor, $0) } }
        var tried: [String] = []
        for (_, setting) in takers {
            var scratch = Diagnostics()
            if case .jsonTemplate = setting.kind {
                if let template = parseTemplate(node, what: key, output: .json, diagnostics: &scratch) { return .template(template) }
            } else if let value = VendorSettingParser(values: values).parse(setting, node, diagnostics: &scratch) {
                return .value(value)
            }
            if takers.count == 1 {
                diagnostics.append(scratch)
                return nil
            }
            tried.append(setting.expected)
        }
        let named = zip(takers.map(\.0.displayName), tried).map { "\($1) for \($0)" }
        diagnostics.error("\(key) must be \(named.joined(separator: ", or "))", at: node)
        return nil
    }

    /// An id, or a non-empty list of ids assigned in turn.
    private func parseAssignee(_ node: ConfigNode, owner: String, diagnostics: inout Diagnostics) -> AssigneeSetting? {
        guard let items = node.items else {
            return values.int(node, what: "assignee", diagnostics: &diagnostics).map(AssigneeSetting.fixed)
        }
        let ids = items.map { values.int($0, what: "each assignee", diagnostics: &diagnostics) }
        guard !ids.contains(where: { $0 == nil }) else { return nil }
        let pool = ids.compactMap { $0 }
        guard !pool.isEmpty else {
            diagnostics.error("assignee needs at least one id", at: node)
            return nil
        }
        if pool.count == 1 { return .fixed(pool[0]) }
        return .rotation(AssigneeRotation(key: "\(owner):\(pool.map(String.init).joined(separator: ","))", pool: pool))
    }

    private func parseTemplate(
        _ node: ConfigNode, what: String, output: MessageTemplate.Output = .text, diagnostics: inout Diagnostics
    ) -> MessageTemplate? {
        guard let text = values.string(node, what: what, diagnostics: &diagnostics) else { return nil }
        let template: MessageTemplate
        do throws(TemplateError) {
            template = try MessageTemplate(text, output: output)
        } catch {
            diagnostics.error("invalid \(what) template: \(error)", at: node)
            return nil
        }
        if output == .json, let raw = ["{{{", "{{&", "{{%", "{{="].first(where: { text.contains($0) }) {
            diagnostics.error(
                "the \(what) template writes JSON, where every value goes inside a JSON string; \(raw)…}} would write one unescaped, "
                    + "and a sender's text could then add to the JSON: use {{name}} inside quotes", at: node)
            return nil
        }
        let known = TemplateNames.names.keys.sorted()
        for name in template.unknownNames {
            diagnostics.error(
                "the \(what) template uses {{\(name)}}, which no event has\(Suggestion.hint(for: name, in: known)); "
                    + "a template can use \(known.joined(separator: ", "))", at: node)
        }
        return template.unknownNames.isEmpty ? template : nil
    }

    /// A literal reference, or `{ field: <path>, pattern: <regex> }` capturing it from a field.
    private func parseReference(_ node: ConfigNode, what: String, diagnostics: inout Diagnostics) -> TicketReference? {
        if node.scalarText != nil {
            return values.nonEmptyString(node, what: what, diagnostics: &diagnostics).map(TicketReference.literal)
        }
        guard let map = MappingReader(node, what: what, allowed: ["field", "pattern"], diagnostics: &diagnostics),
            let fieldNode = map.required("field", what: what, diagnostics: &diagnostics),
            let patternNode = map.required("pattern", what: what, diagnostics: &diagnostics),
            let fieldName = values.nonEmptyString(fieldNode, what: "field", diagnostics: &diagnostics),
            let source = values.nonEmptyString(patternNode, what: "pattern", diagnostics: &diagnostics)
        else { return nil }
        guard let path = FieldPath(fieldName) else {
            diagnostics.error("unknown field '\(fieldName)'\(Suggestion.hint(for: fieldName, in: FieldPath.fixedNames.keys))", at: fieldNode)
            return nil
        }
        guard let pattern = conditions.compilePattern(source, node: patternNode, diagnostics: &diagnostics) else { return nil }
        return .capture(path, pattern)
    }
}
