import Foundation
import TicketGateCore

/// The body of `POST /api/v1/tickets`: the ticket and its first article.
struct ZammadNewTicket: Encodable, Sendable {
    var title: String
    var group: String
    var customerID: String
    var state: String?
    var priority: String?
    var ownerID: Int?
    var note: String?
    /// Comma-separated, as Zammad reads them.
    var tags: String
    var article: ZammadArticle

    enum CodingKeys: String, CodingKey {
        case title, group
        case customerID = "customer_id"
        case state, priority
        case ownerID = "owner_id"
        case note, tags, article
    }
}

/// An article: the first of a ticket, or (with `ticket_id`) a follow-up of `POST /api/v1/ticket_articles`.
/// A customer's message is a `web` article from the `Customer`; a staff-only one an internal `note`.
struct ZammadArticle: Encodable, Sendable {
    var ticketID: PlannedID?
    var subject: String
    var body: String
    var contentType = "text/html"
    var type: String
    var isInternal: Bool
    var sender = "Customer"
    var attachments: [ZammadAttachment]?

    init(ticketID: PlannedID? = nil, draft: TicketDraft, files: [Attachment]) {
        self.ticketID = ticketID
        subject = draft.subject
        body = HTMLText.paragraphs(draft.message)
        type = draft.staffOnly ? "note" : "web"
        isInternal = draft.staffOnly
        let uploads = files.compactMap { file in
            file.data.map {
                ZammadAttachment(filename: file.name, data: Data($0).base64EncodedString(), mimeType: Attachment.safeContentType(file.contentType))
            }
        }
        attachments = uploads.isEmpty ? nil : uploads
    }

    enum CodingKeys: String, CodingKey {
        case ticketID = "ticket_id"
        case subject, body
        case contentType = "content_type"
        case type
        case isInternal = "internal"
        case sender, attachments
    }
}

/// A file of an article, its bytes in base64.
struct ZammadAttachment: Encodable, Sendable {
    var filename: String
    var data: String
    var mimeType: String

    enum CodingKeys: String, CodingKey {
        case filename, data
        case mimeType = "mime-type"
    }
}

/// The condition search of `POST /api/v1/tickets/search`: the tickets with every one of the tags.
struct ZammadTagSearch: Encodable, Sendable {
    struct Condition: Encodable, Sendable {
        var operatorName = "contains all"
        var value: [String]

        enum CodingKeys: String, CodingKey {
            case operatorName = "operator"
            case value
        }
    }

    var condition: [String: Condition]
    var expand = true
    var limit = 5

    init(tag: String) {
        condition = ["ticket.tags": Condition(value: [tag])]
    }
}

/// A created ticket or article: its `id`.
struct ZammadCreated: Decodable, Sendable {
    var id: Int
}

/// The tickets a search found. Zammad answers a plain list of tickets when `expand` is set, and older
/// versions `{"tickets": [ids]}` or `{"records": [tickets]}`: each is read.
struct ZammadSearchResult: Decodable, Sendable {
    var ids: [Int]

    init(from decoder: any Decoder) throws {
        if let tickets = try? decoder.singleValueContainer().decode([ZammadCreated].self) {
            ids = tickets.map(\.id)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let records = try container.decodeIfPresent([ZammadCreated].self, forKey: .records) {
            ids = records.map(\.id)
        } else {
            ids = try container.decode([Int].self, forKey: .tickets)
        }
    }

    enum CodingKeys: String, CodingKey {
        case records, tickets
    }
}

/// An article of `GET /api/v1/ticket_articles/by_ticket/{id}`.
struct ZammadListedArticle: Decodable, Sendable {
    var id: Int
    var body: String?
    var isInternal: Bool?
    var createdAt: String?

    enum CodingKeys: String, CodingKey {
        case id, body
        case isInternal = "internal"
        case createdAt = "created_at"
    }
}

/// `{"tags": [...]}`: a ticket's tags.
struct ZammadTags: Decodable, Sendable {
    var tags: [String]
}
