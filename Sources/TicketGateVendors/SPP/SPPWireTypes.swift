import TicketGateCore

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
    var userID: PlannedID
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
    var userID: PlannedID?
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

/// `GET /api/tickets`: a page of tickets, with the metadata the marker is looked for in. SPP documents the
/// metadata it returns only as an object, so the marker is looked for in any of its strings.
struct SPPTicketPage: Decodable, Sendable {
    struct Ticket: Decodable, Sendable {
        var id: Int
        var metadata: JSONValue?

        /// True when `marker` is one of the metadata's strings (or keys), however SPP shapes it.
        func carries(_ marker: String) -> Bool {
            func search(_ value: JSONValue?) -> Bool {
                switch value {
                case .string(let text)?: text == marker
                case .array(let items)?: items.contains { search($0) }
                case .object(let fields)?: fields.keys.contains(marker) || fields.values.contains { search($0) }
                default: false
                }
            }
            return search(metadata)
        }
    }

    var data: [Ticket]
}

/// `GET /api/ticket_messages/{ticket}` and `GET /api/order_messages/{order}`: a page of messages, newest first.
struct SPPMessagePage: Decodable, Sendable {
    struct Message: Decodable, Sendable {
        var id: Int
        var message: String?
        var userID: Int?

        enum CodingKeys: String, CodingKey {
            case id, message
            case userID = "user_id"
        }
    }

    var data: [Message]
}

/// `GET /api/clients`: a page of users.
struct SPPClientPage: Decodable, Sendable {
    struct Client: Decodable, Sendable {
        var id: Int
        var email: String?
    }

    var data: [Client]
}
