import Foundation
import TicketGateCore

/// Loads a rules directory into a `RuleSet`, reporting every problem with its file, line and column.
package struct RulesLoader: Sendable {
    /// Where `${NAME}` references are read from.
    package var environment: [String: String]
    /// The formats each kind accepts in this build.
    package var formats: [EventKind: [String]]
    /// The vendors this build delivers to.
    package var vendors: [VendorProfile]

    package init(environment: [String: String] = ProcessInfo.processInfo.environment, formats: [EventKind: [String]], vendors: [VendorProfile]) {
        self.environment = environment
        self.formats = formats
        self.vendors = vendors
    }

    /// Loads every `*.yml` and `*.yaml` file in `directory`.
    package func load(directory: String) throws(RulesLoadError) -> RuleSet {
        try load(RulesFile.files(in: directory))
    }

    /// Loads the files as one document; throws when any problem is an error.
    package func load(_ files: [RulesFile]) throws(RulesLoadError) -> RuleSet {
        let (ruleSet, problems) = compile(files)
        guard let ruleSet else { throw RulesLoadError(problems: problems) }
        return ruleSet
    }

    /// Compiles the files and returns every problem, warnings included; the rule set is `nil` when there are errors.
    package func compile(_ files: [RulesFile]) -> (RuleSet?, [RulesProblem]) {
        var diagnostics = Diagnostics()
        let document = RulesDocument(files: files, diagnostics: &diagnostics)
        let values = ValueReader(environment: environment)

        let (destinations, destinationNames) = parseNamed(document.destinations, kind: "destination", diagnostics: &diagnostics) {
            name, node, diagnostics in
            DestinationParser(values: values, vendors: vendors).parse(name: name, node, diagnostics: &diagnostics)
        }
        let (sources, sourceNames) = parseNamed(document.sources, kind: "source", diagnostics: &diagnostics) { name, node, diagnostics in
            SourceParser(values: values, formats: formats).parse(name: name, node, diagnostics: &diagnostics)
        }
        let slots = FieldSlots()
        let conditions = ConditionParser(values: values, sources: sourceNames, slots: slots)
        let settings = SettingsParser(
            values: values, destinations: destinationNames, conditions: conditions, vendors: vendors)
        var defaults = ParsedSettings()
        if let anchor = document.defaultsAnchor {
            let reader = MappingReader(
                entries: document.defaults, anchor: anchor, what: "defaults", allowed: settings.keys, diagnostics: &diagnostics)
            defaults = settings.parse(reader, owner: "defaults", diagnostics: &diagnostics) ?? defaults
        }
        let parser = RuleParser(values: values, settings: settings, conditions: conditions)
        let rules = parseRules(document.rules, parser: parser, diagnostics: &diagnostics)
        RulesAnalyzer(vendors: vendors, destinations: destinations, defaults: defaults, defaultsAnchor: document.defaultsAnchor).check(
            rules, diagnostics: &diagnostics)

        let problems = diagnostics.problems.sorted { $0.location < $1.location }
        guard !diagnostics.hasErrors else { return (nil, problems) }
        let ruleSet = RuleSet(
            sources: sources, destinations: destinations, defaults: defaults.settings, rules: rules.map(\.rule), fieldPaths: slots.paths
        )
        return (ruleSet, problems)
    }

    /// Parses a section keyed by name. Returns the parsed entries and every name defined, valid or not,
    /// so that references to a broken definition do not report a second, misleading error.
    private func parseNamed<Value>(
        _ entries: [RulesDocument.Entry],
        kind: String,
        diagnostics: inout Diagnostics,
        parse: (String, ConfigNode, inout Diagnostics) -> Value?
    ) -> ([String: Value], Set<String>) {
        var parsed: [String: Value] = [:]
        var names = Set<String>()
        for (keyNode, value) in entries {
            guard let name = keyNode.scalarText, Identifier.isValid(name) else {
                diagnostics.error("\(kind) names may hold only letters, digits, '-' and '_'", at: keyNode)
                continue
            }
            guard names.insert(name).inserted else {
                diagnostics.error("\(kind) '\(name)' is defined twice", at: keyNode)
                continue
            }
            parsed[name] = parse(name, value, &diagnostics)
        }
        return (parsed, names)
    }

    private func parseRules(_ nodes: [ConfigNode], parser: RuleParser, diagnostics: inout Diagnostics) -> [ParsedRule] {
        var rules: [ParsedRule] = []
        var names = Set<String>()
        for (index, node) in nodes.enumerated() {
            // Names are checked before the rule itself, so a duplicate is reported even when its rule is broken.
            let written = node.entries?.first { $0.key.scalarText == "name" }?.value.scalarText
            if let written, !names.insert(written).inserted {
                diagnostics.error("rule name '\(written)' is used twice", at: node)
                continue
            }
            if let rule = parser.parse(node, index: index, diagnostics: &diagnostics) {
                rules.append(rule)
            }
        }
        return rules
    }
}
