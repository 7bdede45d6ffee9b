import Mustache

/// The names a `subject:` or `message:` template may use, and the ones a template uses that no event has. The
/// template itself says which names it looks up: it is rendered once by swift-mustache against a context that
/// records each lookup, so the check reads tags exactly as rendering does.
enum TemplateNames {
    /// What a name of `TemplateContext` holds: text, a map with these keys, a map with any keys, or a list.
    enum Shape: Sendable {
        case text
        case keys([String])
        case anyKeys
        case list
    }

    /// Every name `TemplateContext.make` can set, with what it holds.
    static let names: [String: Shape] = [
        "source": .text, "kind": .text, "format": .text, "received_at": .text, "message": .text, "subject": .text, "body": .text,
        "full_text": .text, "html": .text, "recipient": .text, "client_ip": .text, "provider_event_id": .text, "transcript": .text,
        "transcript_html": .text, "sender": .keys(["email", "name", "domain", "display"]), "fields": .anyKeys, "headers": .anyKeys,
        "thread": .keys(["message_id", "in_reply_to", "conversation_id"]), "field_list": .list, "attachments": .list,
    ]

    /// The names `template` looks up that no event has, in the order it uses them. A name is judged where the
    /// template looks it up in the event itself; inside a section over a map or a list, a name the section's value
    /// does not have is looked up in the event next, as rendering does.
    static func unknown(in template: MustacheTemplate) -> [String] {
        let root = Root()
        _ = template.render(root)
        var seen: Set<String> = []
        return root.unknown.filter { seen.insert($0).inserted }
    }

    /// The event as a template sees it: answers the names it has, and notes the others.
    private final class Root: MustacheParent {
        private(set) var unknown: [String] = []

        func child(named name: String) -> Any? {
            guard let shape = TemplateNames.names[name] else {
                unknown.append(name)
                return nil
            }
            return Value(shape: shape)
        }
    }

    /// A value of the event: a map answers its keys (any key, for fields and headers), a list or a text any name,
    /// so that a section over it renders its inside.
    private struct Value: MustacheParent {
        let shape: Shape

        func child(named name: String) -> Any? {
            switch shape {
            case .keys(let keys): keys.contains(name) ? Value(shape: .text) : nil
            case .anyKeys, .list, .text: Value(shape: .anyKeys)
            }
        }
    }
}
