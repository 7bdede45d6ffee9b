/// What ties an event to a conversation already under way: email message ids and chat conversation ids.
package struct ThreadKeys: Sendable, Codable, Equatable {
    /// The email's `Message-Id`, without angle brackets.
    package var messageID: String?
    /// The email's `In-Reply-To`, without angle brackets.
    package var inReplyTo: String?
    /// The email's `References`, oldest first, without angle brackets.
    package var references: [String]
    /// The chat conversation (or session) the event belongs to.
    package var conversationID: String?

    package init(messageID: String? = nil, inReplyTo: String? = nil, references: [String] = [], conversationID: String? = nil) {
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.conversationID = conversationID
    }

    package var isEmpty: Bool {
        messageID == nil && inReplyTo == nil && references.isEmpty && conversationID == nil
    }
}
