import Foundation

/// Who wrote a turn of a chat.
package enum ChatRole: String, Sendable, Codable, CaseIterable {
    case customer
    case agent
    case bot
    case system
}

/// Someone taking part in a chat.
package struct ChatParticipant: Sendable, Codable, Hashable {
    package var id: String?
    package var role: ChatRole
    package var name: String?
    package var email: String?

    package init(id: String? = nil, role: ChatRole, name: String? = nil, email: String? = nil) {
        self.id = id
        self.role = role
        self.name = name
        self.email = email
    }
}

/// One message of a chat.
package struct ChatTurn: Sendable, Codable, Equatable {
    package var role: ChatRole
    package var name: String?
    package var at: Date?
    /// The message as plain text; HTML from the provider is reduced to text here and kept in `html`.
    package var text: String
    package var html: String?

    package init(role: ChatRole, name: String? = nil, at: Date? = nil, text: String, html: String? = nil) {
        self.role = role
        self.name = name
        self.at = at
        self.text = text
        self.html = html
    }
}

/// A chat conversation, or the part of it one webhook carried: its id, who took part, and the turns in order.
package struct ChatTranscript: Sendable, Codable, Equatable {
    package var conversationID: String?
    package var participants: [ChatParticipant]
    package var turns: [ChatTurn]

    package init(conversationID: String? = nil, participants: [ChatParticipant] = [], turns: [ChatTurn] = []) {
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
    package var customer: ChatParticipant? {
        participants.first { $0.role == .customer }
    }
}
