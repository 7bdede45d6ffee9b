/// A parsed rule with where its parts were written, for the checks across rules.
struct ParsedRule {
    var rule: Rule
    var node: ConfigNode
    /// Where each setting of its `set:` was written.
    var places: [String: ConfigNode]
}

/// Parses one entry of `rules:`.
struct RuleParser {
    let values: ValueReader
    let settings: SettingsParser
    let conditions: ConditionParser

    static let keys = ["name", "when", "set", "drop", "continue"]

    func parse(_ node: ConfigNode, index: Int, diagnostics: inout Diagnostics) -> ParsedRule? {
        let what = "rule \(index + 1)"
        guard let map = MappingReader(node, what: what, allowed: Self.keys, diagnostics: &diagnostics) else { return nil }
        let name = map.required("name", what: what, diagnostics: &diagnostics).flatMap { nameNode -> String? in
            guard let name = values.nonEmptyString(nameNode, what: "name", diagnostics: &diagnostics) else { return nil }
            guard Identifier.isValid(name) else {
                diagnostics.error("rule name '\(name)' may hold only letters, digits, '-' and '_'", at: nameNode)
                return nil
            }
            return name
        }
        let label = name.map { "rule '\($0)'" } ?? what
        let condition = map["when"].map { conditions.parse($0, diagnostics: &diagnostics) } ?? .always
        let continues = map["continue"].map { values.bool($0, what: "continue", diagnostics: &diagnostics) } ?? false
        let action = parseAction(map, owner: name ?? what, label: label, diagnostics: &diagnostics)
        guard let name, let condition, let continues, let (action, places) = action else { return nil }
        if case .drop = action, continues {
            diagnostics.error("\(label) drops the event, so it cannot continue", at: map["continue"] ?? node)
            return nil
        }
        return ParsedRule(rule: Rule(name: name, condition: condition, action: action, continues: continues), node: node, places: places)
    }

    private func parseAction(_ map: MappingReader, owner: String, label: String, diagnostics: inout Diagnostics) -> (
        Rule.Action, [String: ConfigNode]
    )? {
        switch (map["set"], map["drop"]) {
        case (let setNode?, nil):
            guard let reader = MappingReader(setNode, what: "set of \(label)", allowed: settings.keys, diagnostics: &diagnostics),
                let parsed = settings.parse(reader, owner: owner, diagnostics: &diagnostics)
            else { return nil }
            return (.set(parsed.settings), parsed.places)
        case (nil, let dropNode?):
            return values.nonEmptyString(dropNode, what: "drop (the reason)", diagnostics: &diagnostics).map { (.drop(reason: $0), [:]) }
        case (_?, let dropNode?):
            diagnostics.error("\(label) has both set and drop; a dropped event gets no settings", at: dropNode)
            return nil
        case (nil, nil):
            diagnostics.error("\(label) needs 'set' or 'drop'", at: map.anchor)
            return nil
        }
    }
}
