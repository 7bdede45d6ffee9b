import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization
import TicketGateCore

@testable import TicketGateInbound

/// A local SPP workspace that checks every request as strictly as the seed documents describe: bearer token,
/// `Accept` and `Content-Type`, documented fields only, with their types; `user_id` and `subject` required on
/// tickets; 404 for unknown tickets. Messages take JSON, or `multipart/form-data` when they carry
/// `attachments[]` files. Invalid requests get SPP's 400 with a Laravel-style error body.
final class FakeSPP: FakeVendor {
    struct Client: Sendable, Equatable {
        var id: Int
        var email: String
        var nameF: String?
        var nameL: String?
    }

    struct Ticket: Sendable, Equatable {
        var id: Int
        var userID: Int
        var subject: String
        var tags: [String]
        var employees: [Int]
        var note: String?
        var metadata: [String]
        var status: Int?
    }

    struct Message: Sendable, Equatable {
        var id: Int
        /// The ticket, or the order for an order message.
        var ticketID: Int
        var isOrderMessage = false
        var message: String
        var userID: Int?
        var staffOnly: Bool?
        /// The files posted with the message: name, content type and bytes.
        var files: [File] = []
    }

    struct File: Sendable, Equatable {
        var name: String
        var contentType: String?
        var data: [UInt8]
    }

    private struct State {
        var clients: [Client] = []
        var tickets: [Ticket] = []
        var messages: [Message] = []
        var orders: Set<String> = []
        var nextID = 100
        var token: String
    }

    let recorder = FakeRecorder()
    private let state: Mutex<State>
    /// How long each answer takes after the request has been handled: a slow workspace, whose work is done
    /// even when the caller stops waiting for the answer.
    let answerDelay: Duration
    /// Yields each time a request has been handled (its changes made), before its answer goes out.
    let handled: AsyncStream<Void>
    private let handledContinuation: AsyncStream<Void>.Continuation

    init(token: String = "spp-test-token", answerDelay: Duration = .zero) {
        state = Mutex(State(token: token))
        self.answerDelay = answerDelay
        (handled, handledContinuation) = AsyncStream.makeStream(of: Void.self)
    }

    /// Returns once `count` more ticket creations have arrived, answered or not.
    func waitForTicketRequests(_ count: Int) async throws {
        try await withTimeout { [arrivals] in
            var tickets = 0
            for await request in arrivals where request.method == "POST" && request.path == "/api/tickets" {
                tickets += 1
                if tickets == count { return }
            }
        }
    }

    // MARK: - Test controls

    /// The token the workspace accepts now.
    var token: String { state.withLock { $0.token } }
    var clients: [Client] { state.withLock { $0.clients } }
    var tickets: [Ticket] { state.withLock { $0.tickets } }
    var messages: [Message] { state.withLock { $0.messages } }

    /// From now on, the workspace accepts `token` (and only it): an API key re-enabled or replaced.
    func accept(token: String) {
        state.withLock { $0.token = token }
    }

    /// Adds a client that exists before the test.
    @discardableResult
    func addClient(email: String) -> Int {
        state.withLock { state in
            state.nextID += 1
            state.clients.append(Client(id: state.nextID, email: email))
            return state.nextID
        }
    }

    /// Adds a ticket that exists before the test.
    @discardableResult
    func addTicket(userID: Int, subject: String = "Earlier ticket", metadata: [String] = []) -> Int {
        state.withLock { state in
            state.nextID += 1
            state.tickets.append(
                Ticket(id: state.nextID, userID: userID, subject: subject, tags: [], employees: [], note: nil, metadata: metadata, status: nil))
            return state.nextID
        }
    }

    /// Adds a message that exists before the test.
    @discardableResult
    func addMessage(ticketID: Int, text: String, userID: Int?) -> Int {
        state.withLock { state in
            state.nextID += 1
            state.messages.append(Message(id: state.nextID, ticketID: ticketID, message: text, userID: userID, staffOnly: false))
            return state.nextID
        }
    }

    /// Adds an order that exists before the test.
    func addOrder(_ id: String) {
        _ = state.withLock { $0.orders.insert(id) }
    }

    // MARK: - Routes

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/api/clients") { request, context in try await self.handle(request, context) { _, received in self.listClients(received) } }
        router.post("/api/clients") { request, context in try await self.handle(request, context) { _, received in self.createClient(received) } }
        router.post("/api/tickets") { request, context in try await self.handle(request, context) { _, received in self.createTicket(received) } }
        router.get("/api/tickets") { request, context in try await self.handle(request, context) { _, received in self.listTickets(received) } }
        router.get("/api/ticket_messages/{ticket}") { request, context in
            try await self.handle(request, context) { context, received in
                self.listMessages(received, in: context.parameters.get("ticket") ?? "", isOrder: false)
            }
        }
        router.get("/api/order_messages/{order}") { request, context in
            try await self.handle(request, context) { context, received in
                self.listMessages(received, in: context.parameters.get("order") ?? "", isOrder: true)
            }
        }
        router.post("/api/ticket_messages/{ticket}") { request, context in
            try await self.handle(request, context) { context, received in
                self.createMessage(received, ticket: context.parameters.get("ticket") ?? "")
            }
        }
        router.post("/api/order_messages/{order}") { request, context in
            try await self.handle(request, context) { context, received in
                self.createOrderMessage(received, order: context.parameters.get("order") ?? "")
            }
        }
        return router
    }

    private func handle(
        _ request: Request,
        _ context: BasicRequestContext,
        _ route: (BasicRequestContext, FakeRecorder.Received) -> Response
    ) async throws -> Response {
        let (received, scripted) = try await recorder.receive(request)
        if let scripted { return scripted }
        if let refusal = checkHeaders(request, received: received) {
            return refusal
        }
        let response = route(context, received)
        handledContinuation.yield()
        if answerDelay > .zero {
            try? await Task.sleep(for: answerDelay)
        }
        return response
    }

    /// Bearer token, `Accept: application/json`, a documented `X-Api-Version`, and JSON bodies on POST, or
    /// multipart ones on the message endpoints, which take files.
    private func checkHeaders(_ request: Request, received: FakeRecorder.Received) -> Response? {
        guard request.headers[.authorization] == "Bearer \(token)" else {
            return Self.json(401, ["message": "Unauthenticated."])
        }
        guard request.headers[.accept]?.contains("application/json") == true else {
            return Self.json(406, ["message": "Accept must include application/json."])
        }
        if let version = request.headers[HTTPField.Name("X-Api-Version")!], !["2023-12-14", "2024-03-05"].contains(version) {
            return Self.json(400, ["message": .string("Unknown API version \(version).")])
        }
        if request.method == .post {
            let takesFiles = received.path.hasPrefix("/api/ticket_messages/") || received.path.hasPrefix("/api/order_messages/")
            if takesFiles, received.contentType?.hasPrefix("multipart/form-data") == true {
                guard received.form != nil else { return Self.json(400, ["message": "The multipart body does not parse."]) }
                return nil
            }
            guard request.headers[.contentType]?.hasPrefix("application/json") == true else {
                return Self.json(415, ["message": "The body must be application/json."])
            }
            guard case .object = received.body else {
                return Self.json(400, ["message": "The body is not a JSON object."])
            }
        }
        return nil
    }

    // MARK: - Endpoints

    private func listClients(_ received: FakeRecorder.Received) -> Response {
        let email = received.query["filters[email][$eq]"]
        let matching = clients.filter { email == nil || $0.email == email }
        let data = JSONValue.array(matching.map(Self.userResource))
        return Self.json(
            200,
            [
                "data": data,
                "links": ["first": "http://spp.test/api/clients?page=1", "last": "http://spp.test/api/clients?page=1", "prev": .null, "next": .null],
                "meta": [
                    "current_page": 1, "from": 1, "last_page": 1, "per_page": 20, "to": .int(Int64(matching.count)),
                    "total": .int(Int64(matching.count)),
                ],
            ]
        )
    }

    private func createClient(_ received: FakeRecorder.Received) -> Response {
        var errors = FieldErrors(received.body, allowed: ["name_f", "name_l", "email", "company", "tax_id", "phone", "address", "note", "optin"])
        let email = errors.string("email", required: true)
        let nameF = errors.string("name_f")
        let nameL = errors.string("name_l")
        if let refusal = errors.refusal { return refusal }
        let client = state.withLock { state in
            state.nextID += 1
            let client = Client(id: state.nextID, email: email ?? "", nameF: nameF, nameL: nameL)
            state.clients.append(client)
            return client
        }
        return Self.json(201, Self.userResource(client))
    }

    private func createTicket(_ received: FakeRecorder.Received) -> Response {
        var errors = FieldErrors(received.body, allowed: ["user_id", "status", "employees", "tags", "order", "metadata", "subject", "note"])
        let userID = errors.int("user_id", required: true)
        let subject = errors.string("subject", required: true)
        let status = errors.int("status")
        let employees = errors.intList("employees")
        let tags = errors.stringList("tags")
        _ = errors.string("order")
        let metadata = errors.stringList("metadata")
        let note = errors.string("note")
        if let userID, !clients.contains(where: { $0.id == userID }) {
            errors.add("user_id", "The selected user id is invalid.")
        }
        if let refusal = errors.refusal { return refusal }
        let ticket = state.withLock { state in
            state.nextID += 1
            let ticket = Ticket(
                id: state.nextID, userID: userID ?? 0, subject: subject ?? "", tags: tags ?? [], employees: employees ?? [],
                note: note, metadata: metadata ?? [], status: status
            )
            state.tickets.append(ticket)
            return ticket
        }
        return Self.json(201, Self.ticketResource(ticket))
    }

    /// TicketResource; the metadata comes back as an object, as the seed types it.
    private static func ticketResource(_ ticket: Ticket) -> JSONValue {
        [
            "id": .int(Int64(ticket.id)), "subject": .string(ticket.subject), "user_id": .int(Int64(ticket.userID)),
            "status": "Open", "source": "API", "tags": .array(ticket.tags.map(JSONValue.string)),
            "employees": .array(ticket.employees.map { ["id": .int(Int64($0))] }), "note": ticket.note.map(JSONValue.string) ?? .null,
            "form_data": .object([:]),
            "metadata": .object(
                Dictionary(uniqueKeysWithValues: ticket.metadata.enumerated().map { (String($0.offset), JSONValue.string($0.element)) })),
            "created_at": "2026-11-21T00:00:00+00:00",
        ]
    }

    /// `GET /api/tickets`: `limit`, `page`, `sort` (`id:desc` or `id:asc`) and `filters[field][$eq]`, paged.
    private func listTickets(_ received: FakeRecorder.Received) -> Response {
        if let refusal = Self.checkListQuery(received.query, filters: ["user_id"]) { return refusal }
        var matching = tickets
        if let userID = received.query["filters[user_id][$eq]"] { matching = matching.filter { String($0.userID) == userID } }
        matching.sort { received.query["sort"] == "id:desc" ? $0.id > $1.id : $0.id < $1.id }
        let limit = Int(received.query["limit"] ?? "") ?? 20
        return Self.page(matching.prefix(limit).map(Self.ticketResource), total: matching.count)
    }

    /// `GET /api/ticket_messages/{ticket}` and `GET /api/order_messages/{order}`: newest first, paged.
    private func listMessages(_ received: FakeRecorder.Received, in id: String, isOrder: Bool) -> Response {
        let known = isOrder ? state.withLock { $0.orders.contains(id) } : tickets.contains { String($0.id) == id }
        guard known else { return Self.json(404, ["message": .string("No query results for model [\(isOrder ? "Order" : "Ticket")] \(id)")]) }
        if let refusal = Self.checkListQuery(received.query, filters: []) { return refusal }
        let matching = messages.filter { String($0.ticketID) == id && $0.isOrderMessage == isOrder }.reversed()
        let limit = Int(received.query["limit"] ?? "") ?? 20
        let data: [JSONValue] = matching.prefix(limit).map { message in
            [
                "id": .int(Int64(message.id)), "user_id": .int(Int64(message.userID ?? 1)), "message": .string(message.message),
                "staff_only": .bool(message.staffOnly ?? false), "files": [], "created_at": "2026-11-21T00:00:00+00:00",
            ]
        }
        return Self.page(data, total: matching.count)
    }

    /// Only the documented list parameters, with a positive `limit` and a known `sort`.
    private static func checkListQuery(_ query: [String: String], filters: Set<String>) -> Response? {
        for (name, value) in query {
            switch name {
            case "limit", "page":
                if (Int(value) ?? 0) < 1 { return json(400, ["message": .string("The \(name) must be a positive integer.")]) }
            case "sort":
                if !["id:asc", "id:desc"].contains(value) { return json(400, ["message": .string("Unknown sort \(value).")]) }
            default:
                let filter = name.hasPrefix("filters[") ? name.dropFirst(8).prefix { $0 != "]" } : ""
                guard filters.contains(String(filter)), name.hasSuffix("][$eq]") else {
                    return json(400, ["message": .string("Unknown parameter \(name).")])
                }
            }
        }
        return nil
    }

    private static func page(_ data: [JSONValue], total: Int) -> Response {
        json(
            200,
            [
                "data": .array(data), "links": ["first": "http://spp.test?page=1", "last": "http://spp.test?page=1", "prev": .null, "next": .null],
                "meta": ["current_page": 1, "from": 1, "last_page": 1, "per_page": 20, "to": .int(Int64(data.count)), "total": .int(Int64(total))],
            ]
        )
    }

    private func createMessage(_ received: FakeRecorder.Received, ticket: String) -> Response {
        guard let ticketID = Int(ticket), tickets.contains(where: { $0.id == ticketID }) else {
            return Self.json(404, ["message": .string("No query results for model [Ticket] \(ticket)")])
        }
        return storeMessage(received, on: ticketID, isOrderMessage: false)
    }

    /// `POST /api/order_messages/{order}`: the same message body as a ticket message (seed 001); 404 for an unknown order.
    private func createOrderMessage(_ received: FakeRecorder.Received, order: String) -> Response {
        guard state.withLock({ $0.orders.contains(order) }), let orderID = Int(order) else {
            return Self.json(404, ["message": .string("No query results for model [Order] \(order)")])
        }
        return storeMessage(received, on: orderID, isOrderMessage: true)
    }

    /// Validates a message body (JSON, or multipart with files) and stores it.
    private func storeMessage(_ received: FakeRecorder.Received, on id: Int, isOrderMessage: Bool) -> Response {
        let fields: SPPMessageFields
        switch received.form {
        case let form?: fields = SPPMessageFields(form: form)
        case nil: fields = SPPMessageFields(json: received.body)
        }
        if let refusal = fields.errors.refusal { return refusal }
        let message = state.withLock { state in
            state.nextID += 1
            let message = Message(
                id: state.nextID, ticketID: id, isOrderMessage: isOrderMessage, message: fields.text ?? "", userID: fields.userID,
                staffOnly: fields.staffOnly, files: fields.files)
            state.messages.append(message)
            return message
        }
        return Self.json(
            201,
            [
                "id": .int(Int64(message.id)), "user_id": .int(Int64(message.userID ?? 1)), "message": .string(message.message),
                "staff_only": .bool(message.staffOnly ?? false),
                "files": .array(message.files.map { .string("https://spp.test/files/\($0.name)") }), "created_at": "2026-11-21T00:00:00+00:00",
            ]
        )
    }

    private static func userResource(_ client: Client) -> JSONValue {
        [
            "id": .int(Int64(client.id)), "email": .string(client.email), "name_f": client.nameF.map(JSONValue.string) ?? .null,
            "name_l": client.nameL.map(JSONValue.string) ?? .null, "status": 1, "role_id": 2,
        ]
    }

    static func json(_ status: Int, _ value: JSONValue) -> Response {
        FakeRecorder.json(status, value, headers: ["X-Api-Identifier": UUID().uuidString.lowercased(), "X-Api-Version": "2024-03-05"])
    }
}
