/// Parses a rule's `set:` block or the `defaults:` section.
struct SettingsParser {
    let values: ValueReader
    let destinations: Set<String>

    func parse(_ map: MappingReader, diagnostics: inout Diagnostics) -> RuleSettings? {
        var settings = RuleSettings()
        var valid = true
        if let node = map["destination"] {
            if let name = values.nonEmptyString(node, what: "destination", diagnostics: &diagnostics), destinations.contains(name) {
                settings.destination = name
            } else {
                valid = false
                if let name = node.scalarText, !destinations.contains(name) {
                    diagnostics.error("unknown destination '\(name)'\(Suggestion.hint(for: name, in: destinations))", at: node)
                }
            }
        }
        if let node = map["tags"] {
            if let tags = values.stringList(node, what: "tags", diagnostics: &diagnostics), !tags.contains(where: \.isEmpty) {
                settings.tags = tags
            } else {
                valid = false
            }
        }
        if let node = map["assignee"] {
            settings.assignee = values.int(node, what: "assignee", diagnostics: &diagnostics)
            valid = valid && settings.assignee != nil
        }
        settings.staffOnly = parseVisibility(map, valid: &valid, diagnostics: &diagnostics)
        if let node = map["note"] {
            settings.note = values.string(node, what: "note", diagnostics: &diagnostics)
            valid = valid && settings.note != nil
        }
        if let node = map["metadata"] {
            settings.metadata = values.stringList(node, what: "metadata", diagnostics: &diagnostics)
            valid = valid && settings.metadata != nil
        }
        return valid ? settings : nil
    }

    /// `staff_only` and `visible_to_customer` are two names for one setting; a block may use only one.
    private func parseVisibility(_ map: MappingReader, valid: inout Bool, diagnostics: inout Diagnostics) -> Bool? {
        switch (map["staff_only"], map["visible_to_customer"]) {
        case (let staffOnly?, nil):
            let value = values.bool(staffOnly, what: "staff_only", diagnostics: &diagnostics)
            valid = valid && value != nil
            return value
        case (nil, let visible?):
            let value = values.bool(visible, what: "visible_to_customer", diagnostics: &diagnostics).map { !$0 }
            valid = valid && value != nil
            return value
        case (_?, let visible?):
            diagnostics.error("staff_only and visible_to_customer are the same setting; use one of them", at: visible)
            valid = false
            return nil
        case (nil, nil):
            return nil
        }
    }
}
