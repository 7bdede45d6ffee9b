import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization
import TicketGateCore

/// A local Zammad that checks requests as strictly as REST API v1 and its source document them
/// (docs/vendors/zammad.md): `Authorization: Token token=…` (401 `Can't find User for Token`, 403
/// `Authentication required` without one), JSON bodies, a ticket's `title` (at most 200 characters), `group`
/// by a name it has, a customer as `guess:{email}` with a valid address (found or created), an `article` with a
/// `body`, a documented `type`, `sender` and `content_type`, attachments with `filename`, base64 `data` and
/// `mime-type`, tags as a comma-separated string, state and priority names it has, an owner that is an
/// agent, and 404 for an unknown ticket. It refuses attributes it does not know (422), where Zammad would
/// drop them, so a misspelt field cannot pass unnoticed. Errors are Zammad's `{"error", "error_human"}`.
final class FakeZammad: HelpdeskFake {
    struct Article: Sendable {
        var id: Int
        var body: String
        var type: String
        var isInternal: Bool
        var sender: String
        var files: [String]
        var createdAt = Date()
    }

    struct Ticket: Sendable {
        var id: Int
        var title: String
        var group: String
        var customerID: Int
        var state: String?
        var priority: String?
        var ownerID: Int?
        var note: String?
        var tags: [String]
        var articles: [Article]
    }

    struct User: Sendable {
        var id: Int
        var email: String
    }

    private struct State {
        var tickets: [Ticket] = []
        var users: [User] = []
        var nextID = 40
        var loseNextCreate = false

        mutating func newID() -> Int {
            nextID += 1
            return nextID
        }
    }

    static let groups: Set<String> = ["Users", "Sales"]
    static let states: Set<String> = ["new", "open", "pending reminder", "closed", "pending close"]
    static let priorities: Set<String> = ["1 low", "2 normal", "3 high"]
    static let agents: Set<Int> = [4, 17]

    let recorder = FakeRecorder()
    let token: String
    private let state = Mutex(State())

    init(token: String = "zammad-test-token") {
        self.token = token
    }

    var tickets: [Ticket] { state.withLock { $0.tickets } }
    var users: [User] { state.withLock { $0.users } }

    var conversations: [(ticket: String, messages: [(text: String, staffOnly: Bool)])] {
        tickets.map { ticket in (String(ticket.id), ticket.articles.map { (FakeZendesk.text(ofHTML: $0.body), $0.isInternal) }) }
    }

    func loseNextCreatedTicket() {
        state.withLock { $0.loseNextCreate = true }
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/api/v1/tickets") { request, _ in try await self.handle(request) { self.createTicket($0) } }
        router.post("/api/v1/tickets/search") { request, _ in try await self.handle(request) { self.search($0) } }
        router.get("/api/v1/tags") { request, _ in try await self.handle(request) { self.tags($0) } }
        router.post("/api/v1/ticket_articles") { request, _ in try await self.handle(request) { self.createArticle($0) } }
        router.get("/api/v1/ticket_articles/by_ticket/{id}") { request, context in
            let id = context.parameters.get("id").flatMap { Int($0) }
            return try await self.handle(request) { _ in self.articles(id) }
        }
        return router
    }

    static func error(_ status: Int, _ message: String) -> Response {
        FakeRecorder.json(status, ["error": .string(message), "error_human": .string(message)])
    }

    private func handle(_ request: Request, _ answer: (FakeRecorder.Received) -> Response) async throws -> Response {
        let (received, scripted) = try await recorder.receive(request)
        if let scripted { return scripted }
        guard let authorization = request.headers[.authorization] else { return Self.error(403, "Authentication required") }
        guard authorization == "Token token=\(token)" else { return Self.error(401, "Can't find User for Token") }
        if received.method == "POST", request.headers[.contentType]?.hasPrefix("application/json") != true {
            return Self.error(415, "Content-Type must be application/json")
        }
        return answer(received)
    }

    /// Checks an article; answers it, or the problem.
    /// A refusal, as the failure of a check.
    struct Refusal: Error {
        let response: Response
    }

    private func article(_ value: JSONValue?, topLevel: Bool) -> Result<Article, Refusal> {
        guard case .object(let article)? = value else { return .failure(Refusal(response: Self.error(422, "article hash is missing"))) }
        var allowed: Set<String> = ["subject", "body", "content_type", "type", "internal", "sender", "attachments"]
        if topLevel { allowed.insert("ticket_id") }
        if let unknown = article.keys.sorted().first(where: { !allowed.contains($0) }) {
            return .failure(Refusal(response: Self.error(422, "unknown attribute '\(unknown)' for Ticket::Article")))
        }
        guard let body = article["body"]?.string, !body.isEmpty else {
            return .failure(Refusal(response: Self.error(422, "Need at least an 'article body' field.")))
        }
        let type = article["type"]?.string ?? "note"
        guard ["note", "email", "phone", "web", "sms", "chat", "fax"].contains(type) else {
            return .failure(Refusal(response: Self.error(422, "No lookup value found for 'type': \"\(type)\"")))
        }
        let sender = article["sender"]?.string ?? "Agent"
        guard ["Agent", "Customer", "System"].contains(sender) else {
            return .failure(Refusal(response: Self.error(422, "No lookup value found for 'sender': \"\(sender)\"")))
        }
        if let contentType = article["content_type"], !["text/plain", "text/html"].contains(contentType.string ?? "") {
            return .failure(Refusal(response: Self.error(422, "content_type must be text/plain or text/html")))
        }
        var isInternal = false
        if let value = article["internal"] {
            guard case .bool(let flag) = value else { return .failure(Refusal(response: Self.error(422, "internal must be true or false"))) }
            isInternal = flag
        }
        var files: [String] = []
        for (index, item) in (article["attachments"]?.array ?? []).enumerated() {
            for key in ["filename", "data", "mime-type"] where item[key]?.string == nil {
                return .failure(Refusal(response: Self.error(422, "Attachment needs '\(key)' param for attachment with index '\(index)'")))
            }
            guard Data(base64Encoded: item["data"]?.string ?? "") != nil else {
                return .failure(Refusal(response: Self.error(422, "Invalid base64 for attachment with index '\(index)'")))
            }
            files.append(item["filename"]?.string ?? "")
        }
        return .success(Article(id: 0, body: body, type: type, isInternal: isInternal, sender: sender, files: files))
    }

    private func createTicket(_ received: FakeRecorder.Received) -> Response {
        guard case .object(let ticket)? = received.body else { return Self.error(422, "The body must be a JSON object") }
        let allowed: Set<String> = ["title", "group", "customer_id", "state", "priority", "owner_id", "note", "tags", "article"]
        if let unknown = ticket.keys.sorted().first(where: { !allowed.contains($0) }) {
            return Self.error(422, "unknown attribute '\(unknown)' for Ticket")
        }
        guard let title = ticket["title"]?.string, !title.isEmpty else { return Self.error(422, "Missing required value for field 'title'!") }
        guard title.count <= 200 else { return Self.error(422, "title is too long (maximum is 200 characters)") }
        guard let group = ticket["group"]?.string, Self.groups.contains(group) else {
            return Self.error(422, "No lookup value found for 'group': \"\(ticket["group"]?.string ?? "")\"")
        }
        guard let customer = ticket["customer_id"]?.string, customer.hasPrefix("guess:") else {
            return Self.error(422, "customer_id must name a customer")
        }
        let email = String(customer.dropFirst("guess:".count))
        guard email.wholeMatch(of: /[^@\s]+@[^@\s]+\.[^@\s]+/) != nil else { return Self.error(422, "Invalid email '\(email)' of customer") }
        if let state = ticket["state"], !Self.states.contains(state.string ?? "") {
            return Self.error(422, "No lookup value found for 'state': \"\(state.string ?? "")\"")
        }
        if let priority = ticket["priority"], !Self.priorities.contains(priority.string ?? "") {
            return Self.error(422, "No lookup value found for 'priority': \"\(priority.string ?? "")\"")
        }
        var owner: Int?
        if let value = ticket["owner_id"] {
            guard case .int(let id) = value, Self.agents.contains(Int(id)) else { return Self.error(422, "Invalid value for param 'owner_id'") }
            owner = Int(id)
        }
        if let note = ticket["note"], (note.string?.count ?? 251) > 250 { return Self.error(422, "note is too long (maximum is 250 characters)") }
        if let tags = ticket["tags"], tags.string == nil { return Self.error(422, "tags must be a comma-separated string") }
        let tags = (ticket["tags"]?.string ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let first: Article
        switch article(ticket["article"], topLevel: false) {
        case .success(let article): first = article
        case .failure(let refusal): return refusal.response
        }
        return state.withLock { state in
            let customerID: Int
            if let known = state.users.first(where: { $0.email.lowercased() == email.lowercased() }) {
                customerID = known.id
            } else {
                customerID = state.newID()
                state.users.append(User(id: customerID, email: email))
            }
            var article = first
            article.id = state.newID()
            let id = state.newID()
            state.tickets.append(
                Ticket(
                    id: id, title: title, group: group, customerID: customerID, state: ticket["state"]?.string, priority: ticket["priority"]?.string,
                    ownerID: owner, note: ticket["note"]?.string, tags: tags, articles: [article]))
            if state.loseNextCreate {
                state.loseNextCreate = false
                return Self.error(502, "Bad Gateway")
            }
            return FakeRecorder.json(
                201,
                [
                    "id": .int(Int64(id)), "number": .string(String(77000 + id)), "title": .string(title), "customer_id": .int(Int64(customerID)),
                    "article_ids": [.int(Int64(article.id))],
                ])
        }
    }

    private func search(_ received: FakeRecorder.Received) -> Response {
        guard let condition = received.body?["condition", "ticket.tags"], condition["operator"] == "contains all",
            let wanted = condition["value"]?.array?.compactMap(\.string), !wanted.isEmpty
        else { return Self.error(422, "this fake searches by a ticket.tags condition only") }
        let found = tickets.filter { ticket in wanted.allSatisfy { tag in ticket.tags.contains { $0.lowercased() == tag.lowercased() } } }
        let tickets: [JSONValue] = found.map { ["id": .int(Int64($0.id)), "title": .string($0.title)] }
        // Zammad answers a plain list with `expand`; without it, the ids under `tickets`.
        return received.body?["expand"] == true
            ? FakeRecorder.json(200, .array(tickets))
            : FakeRecorder.json(200, ["tickets": .array(found.map { .int(Int64($0.id)) }), "tickets_count": .int(Int64(found.count))])
    }

    private func createArticle(_ received: FakeRecorder.Received) -> Response {
        guard case .int(let ticketID)? = received.body?["ticket_id"] else { return Self.error(422, "Need ticket_id") }
        var made: Article
        switch article(received.body, topLevel: true) {
        case .success(let article): made = article
        case .failure(let refusal): return refusal.response
        }
        return state.withLock { state in
            guard let index = state.tickets.firstIndex(where: { $0.id == Int(ticketID) }) else {
                return Self.error(404, "Couldn't find Ticket with 'id'=\(ticketID)")
            }
            made.id = state.newID()
            state.tickets[index].articles.append(made)
            return FakeRecorder.json(
                201, ["id": .int(Int64(made.id)), "ticket_id": .int(ticketID), "body": .string(made.body), "internal": .bool(made.isInternal)])
        }
    }

    private func articles(_ id: Int?) -> Response {
        guard let ticket = tickets.first(where: { $0.id == id }) else { return Self.error(404, "Couldn't find Ticket with 'id'=\(id ?? 0)") }
        return FakeRecorder.json(
            200,
            .array(
                ticket.articles.map {
                    [
                        "id": .int(Int64($0.id)), "body": .string($0.body), "internal": .bool($0.isInternal),
                        "created_at": .string($0.createdAt.formatted(.iso8601)),
                    ]
                }))
    }

    /// `GET /api/v1/tags?object=Ticket&o_id=…`.
    private func tags(_ received: FakeRecorder.Received) -> Response {
        guard received.query["object"] == "Ticket", let id = received.query["o_id"].flatMap({ Int($0) }),
            let ticket = tickets.first(where: { $0.id == id })
        else { return Self.error(404, "Couldn't find Ticket with 'id'=\(received.query["o_id"] ?? "")") }
        return FakeRecorder.json(200, ["tags": .array(ticket.tags.map(JSONValue.string))])
    }
}
