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
    var authorID: PlannedID?
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

/// `{"audit": {"events": [{"id", "type"}]}, "ticket": {"id"}}`: an update's answer, whose audit's `Comment`
/// event is the comment made.
struct ZendeskUpdateAnswer: Decodable, Sendable {
    struct Audit: Decodable, Sendable {
        struct Event: Decodable, Sendable {
            var id: Int
            var type: String
        }

        var id: Int
        var events: [Event]?
    }

    var audit: Audit?

    /// The comment's id, else the audit's, else `nil` when Zendesk answered without its audit.
    var commentID: Int? { audit.map { audit in audit.events?.first { $0.type == "Comment" }?.id ?? audit.id } }
}

/// `{"ticket": {"requester_id"}, "users": [{"id", "email"}]}`: a ticket with its users side-loaded.
struct ZendeskTicketWithUsers: Decodable, Sendable {
    struct Ticket: Decodable, Sendable {
        var requesterID: Int?

        enum CodingKeys: String, CodingKey {
            case requesterID = "requester_id"
        }
    }

    struct User: Decodable, Sendable {
        var id: Int
        var email: String?
    }

    var ticket: Ticket
    var users: [User]?

    /// The requester's id, when their email is `email`.
    func requester(withEmail email: String) -> Int? {
        guard let id = ticket.requesterID, let user = users?.first(where: { $0.id == id }), user.email?.lowercased() == email.lowercased()
        else { return nil }
        return id
    }
}

/// `{"comments": [{"id", "body", "author_id", "created_at"}]}`: a ticket's comments.
struct ZendeskCommentList: Decodable, Sendable {
    struct Comment: Decodable, Sendable {
        var id: Int
        var body: String?
        var authorID: Int?
        var createdAt: String?

        enum CodingKeys: String, CodingKey {
            case id, body
            case authorID = "author_id"
            case createdAt = "created_at"
        }
    }

    var comments: [Comment]
}

/// `{"upload": {"token": …}}`: an uploaded file, attached by naming its token in a comment.
struct ZendeskUpload: Decodable, Sendable {
    struct Upload: Decodable, Sendable {
        var token: String
    }

    var upload: Upload
}
