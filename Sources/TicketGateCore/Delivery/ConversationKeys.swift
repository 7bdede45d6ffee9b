/// The keys that tie events of one conversation together at a destination: `email:<message id>` for email
/// (message ids are global), `chat:<source>:<conversation id>` for chats (a provider's conversation ids are its
/// own).
package struct ConversationKeys: Sendable, Equatable {
    /// The keys of earlier events this one answers, the most specific first: `In-Reply-To`, then `References`
    /// from the newest, or the chat's conversation.
    package var continues: [String]
    /// The keys later events can name this one by: its `Message-Id`, or the chat's conversation.
    package var introduces: [String]

    package init(continues: [String] = [], introduces: [String] = []) {
        self.continues = continues
        self.introduces = introduces
    }

    /// The longest id that makes a key; a longer one names no conversation.
    package static let maximumIDLength = 998

    /// The keys of the event's thread: each id once; ids longer than `maximumIDLength`, or with a control
    /// character (PostgreSQL's text holds no U+0000), left out.
    package init(event: InboundEvent) {
        let thread = event.thread
        let usable = { (id: String) in id.utf8.count <= Self.maximumIDLength && !ControlCharacters.contains(id) }
        var continues: [String] = []
        var seen = Set<String>()
        for id in [thread.inReplyTo].compactMap({ $0 }) + thread.references.reversed() where usable(id) {
            let key = "email:\(id)"
            if seen.insert(key).inserted { continues.append(key) }
        }
        var introduces = thread.messageID.flatMap { usable($0) ? ["email:\($0)"] : nil } ?? []
        if let conversation = thread.conversationID, usable(conversation) {
            let key = "chat:\(event.source):\(conversation)"
            continues.append(key)
            introduces.append(key)
        }
        self.init(continues: continues, introduces: introduces)
    }

    package var isEmpty: Bool { continues.isEmpty && introduces.isEmpty }
}
