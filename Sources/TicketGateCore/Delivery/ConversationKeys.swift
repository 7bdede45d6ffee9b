/// The keys that tie events of one conversation together at a destination: `email:<message id>` for email
/// (message ids are global), `chat:<source>:<conversation id>` for chats (a provider's conversation ids are its
/// own).
public struct ConversationKeys: Sendable, Equatable {
    /// The keys of earlier events this one answers, the most specific first: `In-Reply-To`, then `References`
    /// from the newest, or the chat's conversation.
    public var continues: [String]
    /// The keys later events can name this one by: its `Message-Id`, or the chat's conversation.
    public var introduces: [String]

    public init(continues: [String] = [], introduces: [String] = []) {
        self.continues = continues
        self.introduces = introduces
    }

    public init(event: InboundEvent) {
        let thread = event.thread
        var continues: [String] = []
        for id in [thread.inReplyTo].compactMap({ $0 }) + thread.references.reversed() {
            let key = "email:\(id)"
            if !continues.contains(key) { continues.append(key) }
        }
        var introduces = thread.messageID.map { ["email:\($0)"] } ?? []
        if let conversation = thread.conversationID {
            let key = "chat:\(event.source):\(conversation)"
            continues.append(key)
            introduces.append(key)
        }
        self.init(continues: continues, introduces: introduces)
    }

    public var isEmpty: Bool { continues.isEmpty && introduces.isEmpty }
}
