import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization
import TicketGateCore

/// A local Zendesk account that checks requests as strictly as the Ticketing API documents them
/// (docs/vendors/zendesk.md): Basic `{email}/token:{token}` or an OAuth bearer token (401 `Couldn't
/// authenticate you` otherwise),
/// `Accept: application/json` on every request and `Content-Type: application/json` on JSON writes, a
/// `{"ticket": …}` envelope whose ticket has a `comment` with `body` or `html_body` (never both), the
/// documented values of `priority`, `type` and `status`, a requester with an email, upload tokens it issued,
/// and 404 `RecordNotFound` for an unknown ticket. Zendesk ignores attributes it does not know; this fake
/// refuses them (422), so a misspelt field cannot pass unnoticed. `Idempotency-Key` on a create answers a
/// repeat with the cached ticket (`x-idempotency-lookup: hit`) and a different body under the same key with
/// 400 `IdempotentRequestError`. Refusals use Zendesk's `RecordInvalid` envelope.
final class FakeZendesk: HelpdeskFake {
    struct Comment: Sendable {
        var id: Int
        var htmlBody: String?
        var body: String
        var isPublic: Bool
        var authorID: Int
        var uploads: [String]
        var createdAt = Date()
    }

    struct Ticket: Sendable {
        var id: Int
        var subject: String?
        var requesterID: Int
        var tags: [String]
        var assigneeID: Int?
        var groupID: Int?
        var brandID: Int?
        var priority: String?
        var type: String?
        var status: String?
        var externalID: String?
        var comments: [Comment]
    }

    struct User: Sendable {
        var id: Int
        var email: String
        var name: String?
    }

    private struct State {
        var tickets: [Ticket] = []
        var users: [User] = []
        var uploads: [String: (name: String, contentType: String, bytes: Int)] = [:]
        var idempotency: [String: (body: Data, ticketID: Int)] = [:]
        var nextID = 5000
        var loseNextCreate = false

        mutating func newID() -> Int {
            nextID += 1
            return nextID
        }
    }

    static let agentID = 1

    let recorder = FakeRecorder()
    let email: String
    let token: String
    /// An OAuth access token the account issued (`Authorization: Bearer …`).
    let oauthToken: String
    private let state = Mutex(State())

    init(email: String = "agent@acme.example", token: String = "zendesk-test-token", oauthToken: String = "zendesk-oauth-access-token") {
        self.email = email
        self.token = token
        self.oauthToken = oauthToken
    }

    var tickets: [Ticket] { state.withLock { $0.tickets } }
    var users: [User] { state.withLock { $0.users } }

    var conversations: [(ticket: String, messages: [(text: String, staffOnly: Bool)])] {
        tickets.map { ticket in (String(ticket.id), ticket.comments.map { ($0.body, !$0.isPublic) }) }
    }

    func loseNextCreatedTicket() {
        state.withLock { $0.loseNextCreate = true }
    }

    /// Adds a user, as one an agent made in Zendesk.
    func addUser(email: String, name: String? = nil) -> Int {
        state.withLock { state in
            let id = state.newID()
            state.users.append(User(id: id, email: email, name: name))
            return id
        }
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/api/v2/tickets") { request, _ in try await self.handle(request) { try self.createTicket($0, request.headers) } }
        router.get("/api/v2/tickets") { request, _ in try await self.handle(request) { self.listTickets($0) } }
        router.put("/api/v2/tickets/{id}") { request, context in
            let id = context.parameters.get("id").flatMap { Int($0) }
            return try await self.handle(request) { try self.update(id, $0) }
        }
        router.get("/api/v2/tickets/{id}/comments") { request, context in
            let id = context.parameters.get("id").flatMap { Int($0) }
            return try await self.handle(request) { self.comments(id, $0) }
        }
        router.get("/api/v2/tickets/{id}") { request, context in
            let id = context.parameters.get("id").flatMap { Int($0) }
            return try await self.handle(request) { self.showTicket(id, $0) }
        }
        router.post("/api/v2/uploads") { request, _ in try await self.handle(request) { self.upload($0) } }
        return router
    }

    private func handle(_ request: Request, _ answer: (FakeRecorder.Received) throws -> Response) async throws -> Response {
        let (received, scripted) = try await recorder.receive(request)
        if let scripted { return scripted }
        let accepted = ["Basic " + Data("\(email)/token:\(token)".utf8).base64EncodedString(), "Bearer \(oauthToken)"]
        guard let presented = request.headers[.authorization], accepted.contains(presented) else {
            return FakeRecorder.json(401, ["error": "Couldn't authenticate you"])
        }
        guard request.headers[.accept] == "application/json" else {
            return FakeRecorder.json(406, ["error": "NotAcceptable", "description": "You must set an Accept: application/json header"])
        }
        if (received.method == "POST" || received.method == "PUT") && received.path != "/api/v2/uploads"
            && request.headers[.contentType]?.hasPrefix("application/json") != true
        {
            return FakeRecorder.json(415, ["error": "UnsupportedMediaType", "description": "Content-Type must be application/json"])
        }
        return try answer(received)
    }

    static func invalid(_ details: [String: String]) -> Response {
        let fields = details.mapValues { JSONValue.array([["description": .string($0), "error": "InvalidValue"]]) }
        return FakeRecorder.json(422, ["error": "RecordInvalid", "description": "Record validation errors", "details": .object(fields)])
    }

    static let notFound = FakeRecorder.json(404, ["error": "RecordNotFound", "description": "Not found"])

    /// Checks a `comment` object; answers the comment or the problems.
    private func comment(_ value: JSONValue?, problems: inout [String: String], state: State) -> (
        html: String?, body: String, public: Bool?, author: Int?, uploads: [String]
    )? {
        guard case .object(let comment)? = value else {
            problems["comment"] = "Comment: cannot be blank"
            return nil
        }
        for key in comment.keys where !["body", "html_body", "public", "author_id", "uploads"].contains(key) {
            problems["comment.\(key)"] = "is not a comment attribute"
        }
        let body = comment["body"]?.string
        let html = comment["html_body"]?.string
        if (body == nil) == (html == nil) { problems["comment"] = "Use only body or html_body, and one of them" }
        var isPublic: Bool?
        if let value = comment["public"] {
            if case .bool(let flag) = value { isPublic = flag } else { problems["comment.public"] = "must be true or false" }
        }
        var author: Int?
        if let value = comment["author_id"] {
            if case .int(let id) = value, state.users.contains(where: { $0.id == Int(id) }) {
                author = Int(id)
            } else {
                problems["author_id"] = "is not a user"
            }
        }
        let uploads = comment["uploads"]?.array?.compactMap(\.string) ?? []
        if let value = comment["uploads"], value.array?.count != uploads.count { problems["uploads"] = "must be a list of tokens" }
        for token in uploads where state.uploads[token] == nil { problems["uploads"] = "Upload token \(token) is not valid" }
        return (html, body ?? Self.text(ofHTML: html ?? ""), isPublic, author, uploads)
    }

    /// The plain text Zendesk keeps of an HTML comment, its white space collapsed.
    static func text(ofHTML html: String) -> String {
        var text = html.replacingOccurrences(of: "<br>", with: "\n").replacingOccurrences(of: "</p><p>", with: "\n\n")
        text = text.replacing(/<[^>]*>/, with: "")
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text
    }

    private func createTicket(_ received: FakeRecorder.Received, _ headers: HTTPFields) throws -> Response {
        guard case .object(let envelope)? = received.body, Array(envelope.keys) == ["ticket"], case .object(let ticket)? = envelope["ticket"] else {
            return Self.invalid(["base": "The body must be {\"ticket\": {…}}"])
        }
        let key = headers[HTTPField.Name("Idempotency-Key")!]
        return state.withLock { state in
            if let key, let cached = state.idempotency[key] {
                guard cached.body == received.raw else {
                    return FakeRecorder.json(
                        400, ["error": "IdempotentRequestError", "description": "Request parameters don't match the given idempotency key"])
                }
                return FakeRecorder.json(201, ["ticket": ["id": .int(Int64(cached.ticketID))]], headers: ["x-idempotency-lookup": "hit"])
            }
            let documented: Set<String> = [
                "subject", "comment", "requester", "requester_id", "tags", "assignee_id", "group_id", "brand_id", "priority", "type", "status",
                "external_id",
            ]
            var problems: [String: String] = [:]
            for key in ticket.keys where !documented.contains(key) { problems[key] = "is not a documented ticket attribute" }
            let comment = self.comment(ticket["comment"], problems: &problems, state: state)
            func choice(_ key: String, _ allowed: [String]) -> String? {
                guard let value = ticket[key] else { return nil }
                guard let text = value.string, allowed.contains(text) else {
                    problems[key] = "\(key.capitalized): is invalid"
                    return nil
                }
                return text
            }
            let priority = choice("priority", ["urgent", "high", "normal", "low"])
            let type = choice("type", ["problem", "incident", "question", "task"])
            let status = choice("status", ["new", "open", "pending", "hold", "solved", "closed"])
            func int(_ key: String) -> Int? {
                guard let value = ticket[key] else { return nil }
                guard case .int(let number) = value else {
                    problems[key] = "must be an integer"
                    return nil
                }
                return Int(number)
            }
            let (assignee, group, brand) = (int("assignee_id"), int("group_id"), int("brand_id"))
            let tags = ticket["tags"]?.array?.compactMap(\.string)
            if let value = ticket["tags"], value.array?.count != tags?.count { problems["tags"] = "must be a list of strings" }
            var requesterID = Self.agentID
            if case .object(let requester)? = ticket["requester"] {
                let address = requester["email"]?.string ?? ""
                if address.wholeMatch(of: /[^@\s]+@[^@\s]+\.[^@\s]+/) == nil {
                    problems["requester"] = "Requester: Email is not properly formatted"
                } else if let known = state.users.first(where: { $0.email.lowercased() == address.lowercased() }) {
                    requesterID = known.id
                } else if problems.isEmpty {
                    requesterID = state.newID()
                    state.users.append(User(id: requesterID, email: address, name: requester["name"]?.string))
                }
            } else if ticket["requester"] != nil {
                problems["requester"] = "must be an object"
            }
            guard problems.isEmpty, let comment else { return Self.invalid(problems) }
            let id = state.newID()
            let first = Comment(
                id: state.newID(), htmlBody: comment.html, body: comment.body, isPublic: comment.public ?? true,
                authorID: comment.author ?? requesterID, uploads: comment.uploads)
            state.tickets.append(
                Ticket(
                    id: id, subject: ticket["subject"]?.string, requesterID: requesterID, tags: tags ?? [], assigneeID: assignee, groupID: group,
                    brandID: brand, priority: priority, type: type, status: status, externalID: ticket["external_id"]?.string, comments: [first]))
            if let key { state.idempotency[key] = (received.raw, id) }
            if state.loseNextCreate {
                state.loseNextCreate = false
                return FakeRecorder.json(503, ["error": "ServiceUnavailable"])
            }
            return FakeRecorder.json(
                201, ["ticket": ["id": .int(Int64(id)), "url": .string("https://acme.zendesk.com/api/v2/tickets/\(id).json")]],
                headers: ["x-idempotency-lookup": "miss", "Location": "https://acme.zendesk.com/api/v2/tickets/\(id).json"])
        }
    }

    private func listTickets(_ received: FakeRecorder.Received) -> Response {
        guard let externalID = received.query["external_id"] else { return Self.invalid(["external_id": "this fake lists by external_id only"]) }
        let found = tickets.filter { $0.externalID == externalID }
        return FakeRecorder.json(
            200,
            [
                "tickets": .array(found.map { ["id": .int(Int64($0.id)), "external_id": .string(externalID)] }), "count": .int(Int64(found.count)),
                "next_page": .null, "previous_page": .null,
            ])
    }

    private func update(_ id: Int?, _ received: FakeRecorder.Received) throws -> Response {
        guard case .object(let envelope)? = received.body, Array(envelope.keys) == ["ticket"], case .object(let ticket)? = envelope["ticket"] else {
            return Self.invalid(["base": "The body must be {\"ticket\": {…}}"])
        }
        return state.withLock { state in
            guard let index = state.tickets.firstIndex(where: { $0.id == id }) else { return Self.notFound }
            var problems: [String: String] = [:]
            for key in ticket.keys where key != "comment" { problems[key] = "this fake takes comments only" }
            let comment = self.comment(ticket["comment"], problems: &problems, state: state)
            guard problems.isEmpty, let comment else { return Self.invalid(problems) }
            let made = Comment(
                id: state.newID(), htmlBody: comment.html, body: comment.body, isPublic: comment.public ?? true,
                authorID: comment.author ?? Self.agentID,
                uploads: comment.uploads)
            state.tickets[index].comments.append(made)
            let audit = state.newID()
            return FakeRecorder.json(
                200,
                [
                    "audit": [
                        "id": .int(Int64(audit)), "events": [["id": .int(Int64(made.id)), "type": "Comment", "public": .bool(made.isPublic)]],
                    ],
                    "ticket": ["id": .int(Int64(state.tickets[index].id))],
                ])
        }
    }

    private func comments(_ id: Int?, _ received: FakeRecorder.Received) -> Response {
        guard let ticket = tickets.first(where: { $0.id == id }) else { return Self.notFound }
        let ordered = received.query["sort_order"] == "desc" ? ticket.comments.reversed() : ticket.comments
        return FakeRecorder.json(
            200,
            [
                "comments": .array(
                    ordered.map {
                        [
                            "id": .int(Int64($0.id)), "type": "Comment", "body": .string($0.body), "public": .bool($0.isPublic),
                            "author_id": .int(Int64($0.authorID)),
                        ]
                    })
            ])
    }

    /// `GET /api/v2/tickets/{id}`, with its users side-loaded when asked (`include=users`).
    private func showTicket(_ id: Int?, _ received: FakeRecorder.Received) -> Response {
        guard let ticket = tickets.first(where: { $0.id == id }) else { return Self.notFound }
        var answer: [String: JSONValue] = ["ticket": ["id": .int(Int64(ticket.id)), "requester_id": .int(Int64(ticket.requesterID))]]
        if received.query["include"] == "users" {
            answer["users"] = .array(users.filter { $0.id == ticket.requesterID }.map { ["id": .int(Int64($0.id)), "email": .string($0.email)] })
        }
        return FakeRecorder.json(200, .object(answer))
    }

    private func upload(_ received: FakeRecorder.Received) -> Response {
        guard let name = received.query["filename"], !name.isEmpty else { return Self.invalid(["filename": "is required"]) }
        guard let type = received.contentType, type.contains("/"), !received.raw.isEmpty else {
            return Self.invalid(["file": "The Content-Type must name the file's type, and the body hold the file"])
        }
        let token = "upload-\(state.withLock { $0.newID() })"
        state.withLock { $0.uploads[token] = (name, type, received.raw.count) }
        return FakeRecorder.json(
            201, ["upload": ["token": .string(token), "attachment": ["file_name": .string(name), "content_type": .string(type)]]])
    }
}
