import Foundation
import TicketGateCore

/// Parses `when:` blocks into a `Condition` tree.
struct ConditionParser {
    let values: ValueReader
    /// The sources the rules define, to catch a condition on a source that does not exist.
    let sources: Set<String>
    /// Numbers the field paths as they are met.
    let slots: FieldSlots

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
            return operand(.equals, path: path, node: value, diagnostics: &diagnostics)
        }
        guard let entries = value.entries else {
            diagnostics.error("\(path) takes a value or a mapping of operators such as { in: [...] }; for a list write in: [...]", at: value)
            return nil
        }
        var tests: [Condition] = []
        for (operatorNode, operand) in entries {
            let name = operatorNode.scalarText ?? ""
            guard let kind = OperatorKind(rawValue: name) else {
                diagnostics.error("unknown operator '\(name)'\(Suggestion.hint(for: name, in: FieldTest.operatorNames))", at: operatorNode)
                return nil
            }
            guard let test = self.operand(kind, path: path, node: operand, diagnostics: &diagnostics) else { return nil }
            tests.append(test)
        }
        return tests.count == 1 ? tests[0] : .all(tests)
    }

    enum OperatorKind: String {
        case equals, `in`, contains, domain, matches, exists, gt, gte, lt, lte, cidr, within
        case startsWith = "starts_with"
        case endsWith = "ends_with"
    }

    private func operand(_ kind: OperatorKind, path: FieldPath, node: ConfigNode, diagnostics: inout Diagnostics) -> Condition? {
        switch kind {
        case .equals:
            guard let text = values.string(node, what: "the value of \(path)", diagnostics: &diagnostics) else { return nil }
            guard checkSources([text], path: path, node: node, diagnostics: &diagnostics) else { return nil }
            return check(path, .equals([FoldedText(text)]), written: "\(path) = \(text)")
        case .in:
            guard let texts = textList(node, what: "in", diagnostics: &diagnostics),
                checkSources(texts, path: path, node: node, diagnostics: &diagnostics)
            else { return nil }
            return check(path, .equals(texts.map(FoldedText.init)), written: "\(path) in \(Self.list(texts))")
        case .contains, .startsWith, .endsWith:
            guard let texts = textList(node, what: kind.rawValue, diagnostics: &diagnostics) else { return nil }
            let folded = texts.map(FoldedText.init)
            let test: FieldTest = kind == .contains ? .contains(folded) : kind == .startsWith ? .startsWith(folded) : .endsWith(folded)
            return check(path, test, written: "\(path) \(kind.rawValue.replacingOccurrences(of: "_", with: " ")) \(Self.list(texts))")
        case .domain:
            guard let texts = textList(node, what: "domain", diagnostics: &diagnostics) else { return nil }
            let domains = texts.map { $0.hasPrefix("@") ? String($0.dropFirst()) : $0 }
            return check(path, .domain(domains.map(FoldedText.init)), written: "\(path) domain \(Self.list(domains))")
        case .matches:
            guard let source = values.nonEmptyString(node, what: "matches", diagnostics: &diagnostics),
                let pattern = compilePattern(source, node: node, diagnostics: &diagnostics)
            else { return nil }
            return check(path, .matches(pattern), written: "\(path) matches /\(source)/")
        case .exists:
            guard let wanted = values.bool(node, what: "exists", diagnostics: &diagnostics) else { return nil }
            return check(path, .exists(wanted), written: wanted ? "\(path) exists" : "\(path) does not exist")
        case .gt, .gte, .lt, .lte:
            return comparison(kind, path: path, node: node, diagnostics: &diagnostics)
        case .cidr:
            guard let texts = textList(node, what: "cidr", diagnostics: &diagnostics) else { return nil }
            var networks: [IPNetwork] = []
            for text in texts {
                guard let network = IPNetwork(text) else {
                    diagnostics.error("'\(text)' is not an IP network such as 10.0.0.0/8 or 2001:db8::/32", at: node)
                    return nil
                }
                networks.append(network)
            }
            return check(path, .cidr(networks), written: "\(path) in network \(Self.list(texts))")
        case .within:
            guard let hours = BusinessHoursParser(values: values).parse(node, diagnostics: &diagnostics) else { return nil }
            return check(path, .within(hours), written: "\(path) within \(hours.description)")
        }
    }

    private func comparison(_ kind: OperatorKind, path: FieldPath, node: ConfigNode, diagnostics: inout Diagnostics) -> Condition? {
        guard let text = values.string(node, what: kind.rawValue, diagnostics: &diagnostics),
            let comparison = FieldTest.Comparison(rawValue: kind.rawValue)
        else { return nil }
        let symbol = ["gt": ">", "gte": ">=", "lt": "<", "lte": "<="][kind.rawValue] ?? kind.rawValue
        if let number = Double(text), number.isFinite {
            return check(path, .compare(comparison, .number(number)), written: "\(path) \(symbol) \(text)")
        }
        if let date = try? Date(text, strategy: .iso8601) {
            return check(path, .compare(comparison, .date(date)), written: "\(path) \(symbol) \(text)")
        }
        diagnostics.error("\(kind.rawValue) takes a number or an ISO 8601 time such as 2026-01-31T00:00:00Z, found '\(text)'", at: node)
        return nil
    }

    /// A leaf condition on `path`, with the path's slot.
    private func check(_ path: FieldPath, _ test: FieldTest, written: String) -> Condition {
        .test(FieldCheck(path: path, slot: slots.slot(for: path), test: test, written: written))
    }

    func compilePattern(_ source: String, node: ConfigNode, diagnostics: inout Diagnostics) -> Pattern? {
        do {
            return try Pattern(source)
        } catch let refusal as Pattern.Refusal {
            diagnostics.error("regular expression '\(source)' \(refusal)", at: node)
            return nil
        } catch {
            diagnostics.error("invalid regular expression '\(source)'", at: node)
            return nil
        }
    }

    /// A non-empty list of non-empty texts; a single value counts as a list of one.
    private func textList(_ node: ConfigNode, what: String, diagnostics: inout Diagnostics) -> [String]? {
        guard let texts = values.stringList(node, what: what, diagnostics: &diagnostics) else { return nil }
        guard !texts.isEmpty, !texts.contains(where: \.isEmpty) else {
            diagnostics.error("\(what) needs at least one value, none of them empty", at: node)
            return nil
        }
        return texts
    }

    /// A condition on `source` must name sources the rules define.
    private func checkSources(_ names: [String], path: FieldPath, node: ConfigNode, diagnostics: inout Diagnostics) -> Bool {
        guard path == .source else { return true }
        for name in names where !sources.contains(name) {
            diagnostics.error("unknown source '\(name)'\(Suggestion.hint(for: name, in: sources))", at: node)
            return false
        }
        return true
    }

    private static func list(_ texts: [String]) -> String { "[\(texts.joined(separator: ", "))]" }
}
