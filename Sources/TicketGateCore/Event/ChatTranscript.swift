import Foundation

/// Who wrote a turn of a chat.
public enum ChatRole: String, Sendable, Codable, CaseIterable {
    case customer
    case agent
    case bot
    case system
}

/// Someone taking part in a chat.
public struct ChatParticipant: Sendable, Codable, Hashable {
    public var id: String?
    public var role: ChatRole
    public var name: String?
    public var email: String?

    public init(id: String? = nil, role: ChatRole, name: String? = nil, email: String? = nil) {
        self.id = id
        self.role = role
        self.name = name
        self.email = email
    }
}

/// One message of a chat.
public struct ChatTurn: Sendable, Codable, Equatable {
    public var role: ChatRole
    public var name: String?
    public var at: Date?
    /// The message as plain text; HTML from the provider is reduced to text here and kept in `html`.
    public var text: String
    public var html: String?

    public init(role: ChatRole, name: String? = nil, at: Date? = nil, text: String, html: String? = nil) {
        self.role = role
        self.name = name
        self.at = at
        self.text = text
        self.html = html
    }
}

/// A chat conversation, or the part of it one webhook carried: its id, who took part, and the turns in order.
public struct ChatTranscript: Sendable, Codable, Equatable {
    public var conversationID: String?
    public var participants: [ChatParticipant]
    public var turns: [ChatTurn]

    public init(conversationID: String? = nil, participants: [ChatParticipant] = [], turns: [ChatTurn] = []) {
        self.conversationID = conversationID
        self.participants = participants
        self.turns = turns.enumerated().sorted { lhs, rhs in
            switch (lhs.element.at, rhs.element.at) {
            case (let left?, let right?) where left != right: left < right
            default: lhs.offset < rhs.offset
            }
        }.map(\.element)
    }

    /// The first participant who is the customer.
    public var customer: ChatParticipant? {
        participants.first { $0.role == .customer }
    }
}
