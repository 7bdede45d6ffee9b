import TicketGateCore

/// The body of `POST /api/v2/tickets`.
struct FreshdeskNewTicket: Encodable, Sendable {
    var email: String
    var name: String?
    var subject: String
    var description: String
    var status: Int?
    var priority: Int?
    var type: String?
    var groupID: Int?
    var responderID: Int?
    var tags: [String]

    enum CodingKeys: String, CodingKey {
        case email, name, subject, description, status, priority, type
        case groupID = "group_id"
        case responderID = "responder_id"
        case tags
    }
}

/// The body of `POST /api/v2/tickets/{id}/notes`.
struct FreshdeskNewNote: Encodable, Sendable {
    var body: String
    var isPrivate: Bool
    var incoming: Bool?
    var userID: PlannedID?

    enum CodingKeys: String, CodingKey {
        case body
        case isPrivate = "private"
        case incoming
        case userID = "user_id"
    }
}

/// A created ticket or note: its `id`, and a ticket's `requester_id`.
struct FreshdeskCreated: Decodable, Sendable {
    var id: Int64
    var requesterID: Int64?

    enum CodingKeys: String, CodingKey {
        case id
        case requesterID = "requester_id"
    }
}

/// A ticket of `GET /api/v2/tickets?email=…` (which lists no tags), or of `GET /api/v2/tickets/{id}` (which
/// does): the delivery's marker is looked for in the tags.
struct FreshdeskTicket: Decodable, Sendable {
    var id: Int64
    var createdAt: String?
    var tags: [String]?

    enum CodingKeys: String, CodingKey {
        case id
        case createdAt = "created_at"
        case tags
    }
}

/// A note or reply of `GET /api/v2/tickets/{id}/conversations`.
struct FreshdeskConversation: Decodable, Sendable {
    var id: Int64
    var bodyText: String?
    var userID: Int64?
    var createdAt: String?

    enum CodingKeys: String, CodingKey {
        case id
        case bodyText = "body_text"
        case userID = "user_id"
        case createdAt = "created_at"
    }
}

/// A contact of `GET /api/v2/contacts?email=…`.
struct FreshdeskContact: Decodable, Sendable {
    var id: Int64
    var email: String?
}
