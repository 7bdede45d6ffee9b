/// Reads a mapping whose keys are known in advance, reporting unknown and repeated keys with a hint.
struct MappingReader {
    /// The node problems about the mapping as a whole point at.
    let anchor: ConfigNode
    private var values: [String: ConfigNode] = [:]

    /// `what` names the mapping in messages, such as "source 'website'".
    init?(_ node: ConfigNode, what: String, allowed: [String], diagnostics: inout Diagnostics) {
        guard let entries = node.entries else {
            diagnostics.error("\(what) must be a mapping, found \(node.kindDescription)", at: node)
            return nil
        }
        self.init(entries: entries, anchor: node, what: what, allowed: allowed, diagnostics: &diagnostics)
    }

    /// Reads entries gathered from several mappings, such as `defaults:` spread over several files.
    init(entries: [(key: ConfigNode, value: ConfigNode)], anchor: ConfigNode, what: String, allowed: [String], diagnostics: inout Diagnostics) {
        self.anchor = anchor
        for (keyNode, value) in entries {
            guard let key = keyNode.scalarText else {
                diagnostics.error("keys in \(what) must be plain names", at: keyNode)
                continue
            }
            if values[key] != nil {
                diagnostics.error("'\(key)' appears twice in \(what)", at: keyNode)
                continue
            }
            if !allowed.contains(key) {
                diagnostics.error("unknown key '\(key)' in \(what)\(Suggestion.hint(for: key, in: allowed))", at: keyNode)
                continue
            }
            values[key] = value
        }
    }

    subscript(key: String) -> ConfigNode? { values[key] }

    /// The value of a key that must be present.
    func required(_ key: String, what: String, diagnostics: inout Diagnostics) -> ConfigNode? {
        if let value = values[key] { return value }
        diagnostics.error("\(what) needs '\(key)'", at: anchor)
        return nil
    }
}
