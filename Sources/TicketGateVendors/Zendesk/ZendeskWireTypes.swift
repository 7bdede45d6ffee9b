import TicketGateCore

/// `{"ticket": …}`, the envelope of a ticket created or updated.
struct ZendeskTicketEnvelope<Ticket: Encodable & Sendable>: Encodable, Sendable {
    var ticket: Ticket
}

/// The ticket of `POST /api/v2/tickets`.
struct ZendeskNewTicket: Encodable, Sendable {
    var subject: String
    var comment: ZendeskComment
    var requester: ZendeskRequester?
    var tags: [String]?
    var assigneeID: Int?
    var groupID: Int?
    var brandID: Int?
    var priority: String?
    var type: String?
    var status: String?
    var externalID: String

    enum CodingKeys: String, CodingKey {
        case subject, comment, requester, tags
        case assigneeID = "assignee_id"
        case groupID = "group_id"
        case brandID = "brand_id"
        case priority, type, status
        case externalID = "external_id"
    }
}

/// The ticket of `PUT /api/v2/tickets/{id}`: a comment, and nothing else changed.
struct ZendeskTicketUpdate: Encodable, Sendable {
    var comment: ZendeskComment
}

/// A comment: its HTML (so line breaks survive; `body` collapses them), public or an internal note, its
/// author and its files' upload tokens.
struct ZendeskComment: Encodable, Sendable {
    var htmlBody: String
    var isPublic: Bool
    var authorID: ZendeskUserRef?
    var uploads: [String]?

    enum CodingKeys: String, CodingKey {
        case htmlBody = "html_body"
        case isPublic = "public"
        case authorID = "author_id"
        case uploads
    }
}

/// A new requester, found by Zendesk by email or created ("Creating a ticket with a new requester").
struct ZendeskRequester: Encodable, Sendable {
    var name: String?
    var email: String
}

/// A user id in a body: a number when sent; a placeholder when a dry run cannot know it.
enum ZendeskUserRef: Encodable, Sendable, Equatable {
    case id(Int)
    case placeholder(String)

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .id(let id): try container.encode(id)
        case .placeholder(let text): try container.encode(text)
        }
    }
}

/// `{"ticket": {"id": …}}`: a created ticket.
struct ZendeskCreatedTicket: Decodable, Sendable {
    struct Ticket: Decodable, Sendable {
        var id: Int
    }

    var ticket: Ticket
}

/// `{"tickets": [{"id": …}]}`: the tickets with an external id.
struct ZendeskTicketList: Decodable, Sendable {
    struct Ticket: Decodable, Sendable {
        var id: Int
        var externalID: String?

        enum CodingKeys: String, CodingKey {
            case id
            case externalID = "external_id"
        }
    }

    var tickets: [Ticket]
}

/// `{"audit": {"events": [{"id", "type"}]}}`: an update's audit, whose `Comment` event is the comment made.
struct ZendeskUpdateAnswer: Decodable, Sendable {
    struct Audit: Decodable, Sendable {
        struct Event: Decodable, Sendable {
            var id: Int
            var type: String
        }

        var id: Int
        var events: [Event]?
    }

    var audit: Audit

    /// The comment's id, else the audit's.
    var commentID: Int { audit.events?.first { $0.type == "Comment" }?.id ?? audit.id }
}

/// `{"comments": [{"id", "body", "author_id"}]}`: a ticket's comments.
struct ZendeskCommentList: Decodable, Sendable {
    struct Comment: Decodable, Sendable {
        var id: Int
        var body: String?
        var authorID: Int?

        enum CodingKeys: String, CodingKey {
            case id, body
            case authorID = "author_id"
        }
    }

    var comments: [Comment]
}

/// `{"users": [{"id", "email"}]}`: the users a search found.
struct ZendeskUserList: Decodable, Sendable {
    struct User: Decodable, Sendable {
        var id: Int
        var email: String?
    }

    var users: [User]
}

/// `{"upload": {"token": …}}`: an uploaded file, attached by naming its token in a comment.
struct ZendeskUpload: Decodable, Sendable {
    struct Upload: Decodable, Sendable {
        var token: String
    }

    var upload: Upload
}
