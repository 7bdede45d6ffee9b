/// What ties an event to a conversation already under way: email message ids and chat conversation ids.
public struct ThreadKeys: Sendable, Codable, Equatable {
    /// The email's `Message-Id`, without angle brackets.
    public var messageID: String?
    /// The email's `In-Reply-To`, without angle brackets.
    public var inReplyTo: String?
    /// The email's `References`, oldest first, without angle brackets.
    public var references: [String]
    /// The chat conversation (or session) the event belongs to.
    public var conversationID: String?

    public init(messageID: String? = nil, inReplyTo: String? = nil, references: [String] = [], conversationID: String? = nil) {
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.conversationID = conversationID
    }

    public var isEmpty: Bool {
        messageID == nil && inReplyTo == nil && references.isEmpty && conversationID == nil
    }
}
