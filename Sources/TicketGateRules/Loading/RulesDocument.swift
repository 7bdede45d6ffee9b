import Yams

/// The sections of every rules file, gathered into one document before they are parsed.
struct RulesDocument {
    static let sections = ["sources", "destinations", "defaults", "rules"]

    typealias Entry = (key: ConfigNode, value: ConfigNode)

    var sources: [Entry] = []
    var destinations: [Entry] = []
    var defaults: [Entry] = []
    var defaultsAnchor: ConfigNode?
    var rules: [ConfigNode] = []

    /// Reads each file's YAML and appends its sections; rules keep file order, then written order.
    init(files: [RulesFile], diagnostics: inout Diagnostics) {
        for file in files {
            append(file, diagnostics: &diagnostics)
        }
    }

    private mutating func append(_ file: RulesFile, diagnostics: inout Diagnostics) {
        let root: Node
        do {
            guard let composed = try Yams.compose(yaml: file.contents) else { return }
            root = composed
        } catch {
            let syntax = YAMLSyntaxError(error, in: file)
            diagnostics.error(syntax.message, at: syntax.location)
            return
        }
        let top = ConfigNode(node: root, file: file.path)
        guard let entries = top.entries else {
            diagnostics.error("a rules file must be a mapping with sources, destinations, defaults and rules", at: top)
            return
        }
        for (keyNode, value) in entries {
            let key = keyNode.scalarText ?? ""
            switch key {
            case "sources": appendEntries(of: value, section: key, to: &sources, diagnostics: &diagnostics)
            case "destinations": appendEntries(of: value, section: key, to: &destinations, diagnostics: &diagnostics)
            case "defaults":
                defaultsAnchor = defaultsAnchor ?? value
                appendEntries(of: value, section: key, to: &defaults, diagnostics: &diagnostics)
            case "rules":
                if let items = value.items {
                    rules += items
                } else if value.scalarText?.isEmpty != true {
                    diagnostics.error("rules must be a list, found \(value.kindDescription)", at: value)
                }
            default:
                diagnostics.error("unknown section '\(key)'\(Suggestion.hint(for: key, in: Self.sections))", at: keyNode)
            }
        }
    }

    private func appendEntries(of node: ConfigNode, section: String, to list: inout [Entry], diagnostics: inout Diagnostics) {
        if node.scalarText?.isEmpty == true { return }
        guard let entries = node.entries else {
            diagnostics.error("\(section) must be a mapping, found \(node.kindDescription)", at: node)
            return
        }
        list += entries
    }
}
