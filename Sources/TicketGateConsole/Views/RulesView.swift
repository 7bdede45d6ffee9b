import TicketGateCore

/// The rules in force: their version, each source's endpoint, kind, format and signature scheme (never a
/// secret), the defaults every event starts from, the rules in order, and the playground with its last
/// explanation.
struct RulesView: Sendable {
    struct Source: Sendable {
        var name: String
        var endpoint: String
        var kind: String
        var format: String
        var scheme: String
    }

    /// The preview of a rules change: the pasted rules, and what `preview` found.
    struct Preview: Sendable {
        /// The newest stored events a console preview decides again; `ticketgate preview` reads any number.
        static let eventLimit = 10_000

        var rules: String
        var output: String?
        var eventLimit: Int { Self.eventLimit }
    }

    struct Playground: Sendable {
        var sources: [ConsoleOption]
        var contentType: String
        var payload: String
        var output: String?
    }

    var frame: ConsoleFrame
    var version: String
    var sources: [Source]
    var defaults: [ConsoleFact]
    var hasDefaults: Bool
    var rules: [RuleOutline]
    var playground: Playground
    var preview: Preview

    init(
        frame: ConsoleFrame, rules: any ConsoleRules, source: String?, contentType: String, payload: String, output: String?, preview: Preview
    ) {
        self.frame = frame
        self.preview = preview
        version = rules.version
        let definitions = rules.sources.values.sorted { $0.name < $1.name }
        sources = definitions.map { definition in
            Source(
                name: definition.name, endpoint: "POST /hooks/" + PercentEncoding.component(definition.name), kind: definition.kind.rawValue,
                format: definition.format, scheme: definition.verification.scheme.rawValue)
        }
        defaults = rules.defaultsOutline.map { ConsoleFact(label: $0.key, value: $0.value) }
        hasDefaults = !defaults.isEmpty
        self.rules = rules.outlines
        playground = Playground(
            sources: definitions.map { ConsoleOption(value: $0.name, label: $0.name, selected: $0.name == source) }, contentType: contentType,
            payload: payload, output: output)
    }
}
