/// Request and response bodies of the SPP API, named as the seed documents name them.

/// `POST /api/clients` (StoreUserRequest): no field is documented as required; the gateway sends what it knows.
struct SPPStoreClientRequest: Encodable, Sendable {
    var email: String
    var firstName: String?
    var lastName: String?

    enum CodingKeys: String, CodingKey {
        case email
        case firstName = "name_f"
        case lastName = "name_l"
    }
}

/// `POST /api/tickets` (StoreTicketRequest).
struct SPPStoreTicketRequest: Encodable, Sendable {
    var userID: SPPUserRef
    var subject: String
    var status: Int?
    var tags: [String]?
    var employees: [Int]?
    var note: String?
    var metadata: [String]?

    enum CodingKeys: String, CodingKey {
        case userID = "user_id"
        case subject, status, tags, employees, note, metadata
    }
}

/// `POST /api/ticket_messages/{ticket}` and `POST /api/order_messages/{order}` (Message request).
struct SPPStoreMessageRequest: Encodable, Sendable {
    var message: String
    var userID: SPPUserRef?
    var staffOnly: Bool

    enum CodingKeys: String, CodingKey {
        case message
        case userID = "user_id"
        case staffOnly = "staff_only"
    }
}

/// The `id` of a created resource (User, TicketResource, MessageResource).
struct SPPCreatedResource: Decodable, Sendable {
    var id: Int
}

/// `GET /api/clients`: a page of users.
struct SPPClientPage: Decodable, Sendable {
    struct Client: Decodable, Sendable {
        var id: Int
        var email: String?
    }

    var data: [Client]
}

/// A user id in a request body: a number when sent; a placeholder when a dry run cannot know it, because an
/// earlier request would have created it.
enum SPPUserRef: Encodable, Sendable, Equatable {
    case id(Int)
    case placeholder(String)

    /// The id as a form field's text.
    var text: String {
        switch self {
        case .id(let id): String(id)
        case .placeholder(let text): text
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .id(let id): try container.encode(id)
        case .placeholder(let text): try container.encode(text)
        }
    }
}
