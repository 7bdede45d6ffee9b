import Yams

/// A YAML node together with the file it came from, so every problem can name its place.
struct ConfigNode {
    let node: Node
    let file: String

    var location: SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    /// The scalar's text as written, before environment substitution; `nil` for a mapping or a list.
    var scalarText: String? {
        if case .scalar(let scalar) = node { scalar.string } else { nil }
    }

    /// The entries of a mapping in the order written, or `nil` when the node is not a mapping.
    var entries: [(key: ConfigNode, value: ConfigNode)]? {
        guard case .mapping(let mapping) = node else { return nil }
        return mapping.map { (ConfigNode(node: $0.key, file: file), ConfigNode(node: $0.value, file: file)) }
    }

    /// The items of a list, or `nil` when the node is not a list.
    var items: [ConfigNode]? {
        guard case .sequence(let sequence) = node else { return nil }
        return sequence.map { ConfigNode(node: $0, file: file) }
    }

    /// What the node is, for messages such as "expected a list, found a mapping".
    var kindDescription: String {
        switch node {
        case .scalar: "a value"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}
