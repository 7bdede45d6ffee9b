/// Reads typed values from scalars, substituting `${ENV}` references first.
struct ValueReader {
    let substitution: EnvironmentSubstitution

    init(environment: [String: String]) {
        self.substitution = EnvironmentSubstitution(environment: environment)
    }

    /// `node`'s text, `${ENV}` references filled in. A `secret` cannot be empty, so an unset reference in one is
    /// told to be set rather than allowed unset.
    func string(_ node: ConfigNode, what: String, secret: Bool = false, diagnostics: inout Diagnostics) -> String? {
        guard let text = node.scalarText else {
            diagnostics.error("\(what) must be a value, found \(node.kindDescription)", at: node)
            return nil
        }
        switch substitution.substitute(text) {
        case .success(let value):
            if let warning = EscapeTrap.warning(for: text) { diagnostics.warning(warning, at: node) }
            return value
        case .failure(.unset(let name)):
            let hint = secret ? "set \(name) where the gateway runs; a secret cannot be empty" : "write ${\(name):-} to allow it unset"
            diagnostics.error("\(what) uses ${\(name)}, which is not set in the environment (\(hint))", at: node)
        case .failure(.malformed(let reference)):
            diagnostics.error("\(what) has a malformed reference '\(reference)'; write ${NAME} or ${NAME:-default}", at: node)
        }
        return nil
    }

    func nonEmptyString(_ node: ConfigNode, what: String, diagnostics: inout Diagnostics) -> String? {
        guard let value = string(node, what: what, diagnostics: &diagnostics) else { return nil }
        if value.isEmpty {
            diagnostics.error("\(what) must not be empty", at: node)
            return nil
        }
        return value
    }

    func int(_ node: ConfigNode, what: String, diagnostics: inout Diagnostics) -> Int? {
        guard let text = string(node, what: what, diagnostics: &diagnostics) else { return nil }
        guard let value = Int(text) else {
            diagnostics.error("\(what) must be a whole number, found '\(text)'", at: node)
            return nil
        }
        return value
    }

    func bool(_ node: ConfigNode, what: String, diagnostics: inout Diagnostics) -> Bool? {
        guard let text = string(node, what: what, diagnostics: &diagnostics) else { return nil }
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default:
            diagnostics.error("\(what) must be true or false, found '\(text)'", at: node)
            return nil
        }
    }

    /// A list of strings; a single value counts as a list of one.
    func stringList(_ node: ConfigNode, what: String, secrets: Bool = false, diagnostics: inout Diagnostics) -> [String]? {
        guard let items = node.items else {
            return string(node, what: what, secret: secrets, diagnostics: &diagnostics).map { [$0] }
        }
        var values: [String] = []
        for item in items {
            guard let value = string(item, what: "each of \(what)", secret: secrets, diagnostics: &diagnostics) else { return nil }
            values.append(value)
        }
        return values
    }

    /// One of an enumeration's raw values, with a hint when it is misspelt.
    func choice<Choice: RawRepresentable & CaseIterable>(
        _ node: ConfigNode,
        what: String,
        as type: Choice.Type,
        diagnostics: inout Diagnostics
    ) -> Choice? where Choice.RawValue == String {
        guard let text = string(node, what: what, diagnostics: &diagnostics) else { return nil }
        if let value = Choice(rawValue: text) { return value }
        let names = Choice.allCases.map(\.rawValue)
        diagnostics.error(
            "\(what) must be one of \(names.joined(separator: ", ")), found '\(text)'\(Suggestion.hint(for: text, in: names))",
            at: node
        )
        return nil
    }
}
