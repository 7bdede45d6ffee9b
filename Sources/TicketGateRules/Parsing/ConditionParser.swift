/// Parses `when:` blocks into a `Condition` tree.
struct ConditionParser {
    let values: ValueReader

    static let combinators = ["all", "any", "not"]

    /// A mapping whose entries must all hold.
    func parse(_ node: ConfigNode, diagnostics: inout Diagnostics) -> Condition? {
        guard let entries = node.entries else {
            diagnostics.error("a condition must be a mapping of field paths to values, found \(node.kindDescription)", at: node)
            return nil
        }
        var conditions: [Condition] = []
        var valid = true
        for (keyNode, value) in entries {
            guard let key = keyNode.scalarText else {
                diagnostics.error("condition keys must be field paths", at: keyNode)
                valid = false
                continue
            }
            if let condition = parseEntry(key: key, keyNode: keyNode, value: value, diagnostics: &diagnostics) {
                conditions.append(condition)
            } else {
                valid = false
            }
        }
        guard valid else { return nil }
        return conditions.count == 1 ? conditions[0] : .all(conditions)
    }

    private func parseEntry(key: String, keyNode: ConfigNode, value: ConfigNode, diagnostics: inout Diagnostics) -> Condition? {
        switch key {
        case "all", "any":
            guard let items = value.items else {
                diagnostics.error("'\(key)' takes a list of conditions, found \(value.kindDescription)", at: value)
                return nil
            }
            let parsed = items.map { parse($0, diagnostics: &diagnostics) }
            guard !parsed.contains(where: { $0 == nil }) else { return nil }
            let conditions = parsed.compactMap { $0 }
            if key == "all" { return .all(conditions) }
            return .any(conditions, written: "any of (\(conditions.map(\.written).joined(separator: "; ")))")
        case "not":
            guard let inner = parse(value, diagnostics: &diagnostics) else { return nil }
            return .not(inner, written: "not (\(inner.written))")
        default:
            guard let path = FieldPath(key) else {
                let known = Array(FieldPath.fixedNames.keys) + Self.combinators + ["fields.<name>", "headers.<name>"]
                diagnostics.error("unknown field '\(key)'\(Suggestion.hint(for: key, in: known))", at: keyNode)
                return nil
            }
            return parseTests(path: path, value: value, diagnostics: &diagnostics)
        }
    }

    /// A value means equality; a mapping lists operators, all of which must hold.
    private func parseTests(path: FieldPath, value: ConfigNode, diagnostics: inout Diagnostics) -> Condition? {
        if value.scalarText != nil {
            guard let text = values.string(value, what: "the value of \(path)", diagnostics: &diagnostics) else { return nil }
            return .test(path, .compiled(.equals(text)), written: "\(path) = \(text)")
        }
        guard let entries = value.entries else {
            diagnostics.error(
                "\(path) takes a value or a mapping of operators such as { contains: [...] }, found \(value.kindDescription)", at: value)
            return nil
        }
        var tests: [Condition] = []
        for (operatorNode, operand) in entries {
            guard let name = operatorNode.scalarText, FieldTest.operatorNames.contains(name) else {
                let name = operatorNode.scalarText ?? ""
                diagnostics.error("unknown operator '\(name)'\(Suggestion.hint(for: name, in: FieldTest.operatorNames))", at: operatorNode)
                return nil
            }
            guard let test = parseOperator(name, path: path, operand: operand, diagnostics: &diagnostics) else { return nil }
            tests.append(test)
        }
        return tests.count == 1 ? tests[0] : .all(tests)
    }

    private func parseOperator(_ name: String, path: FieldPath, operand: ConfigNode, diagnostics: inout Diagnostics) -> Condition? {
        switch name {
        case "equals":
            guard let text = values.string(operand, what: "equals", diagnostics: &diagnostics) else { return nil }
            return .test(path, .compiled(.equals(text)), written: "\(path) = \(text)")
        default:
            guard let texts = values.stringList(operand, what: "contains", diagnostics: &diagnostics) else { return nil }
            guard !texts.isEmpty, !texts.contains(where: \.isEmpty) else {
                diagnostics.error("contains needs at least one non-empty text", at: operand)
                return nil
            }
            return .test(path, .compiled(.contains(texts)), written: "\(path) contains [\(texts.joined(separator: ", "))]")
        }
    }
}
