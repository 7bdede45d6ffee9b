import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization
import TicketGateCore

@testable import TicketGateInbound

/// A local Freshdesk account that checks requests as strictly as API v2 documents them
/// (docs/vendors/freshdesk.md): Basic auth with the API key as the user name (401 `invalid_credentials`),
/// `Accept` of `application/json` or `*/*` (406), JSON or `multipart/form-data` bodies (415), documented
/// fields only (`invalid_field`), one requester identifier (`missing_field`), the documented values of
/// `status`, `priority` and `source`, numbers as numbers (`datatype_mismatch`), a note's `body`, a `user_id`
/// that is a contact, and 404 for an unknown ticket. Refusals are Freshdesk's
/// `{"description": "Validation failed", "errors": [{field, message, code}]}`. It adds a contact for a new
/// requester's email, as Freshdesk does.
final class FakeFreshdesk: HelpdeskFake {
    struct Note: Sendable {
        var id: Int64
        var body: String
        var bodyText: String
        var isPrivate: Bool
        var incoming: Bool
        var userID: Int64?
        var files: [String]
        var createdAt = Date()
    }

    struct Ticket: Sendable {
        var id: Int64
        var requesterID: Int64
        var subject: String?
        var description: String
        var status: Int
        var priority: Int
        var type: String?
        var groupID: Int64?
        var responderID: Int64?
        var tags: [String]
        var files: [String]
        var notes: [Note]
        var createdAt = Date()
    }

    struct Contact: Sendable {
        var id: Int64
        var email: String
        var name: String?
    }

    private struct State {
        var tickets: [Ticket] = []
        var contacts: [Contact] = []
        var nextID: Int64 = 6_007_738_000
        var loseNextCreate = false

        mutating func newID() -> Int64 {
            nextID += 1
            return nextID
        }
    }

    let recorder = FakeRecorder()
    let apiKey: String
    private let state = Mutex(State())

    init(apiKey: String = "freshdesk-test-key") {
        self.apiKey = apiKey
    }

    var tickets: [Ticket] { state.withLock { $0.tickets } }
    var contacts: [Contact] { state.withLock { $0.contacts } }

    var conversations: [(ticket: String, messages: [(text: String, staffOnly: Bool)])] {
        tickets.map { ticket in
            (String(ticket.id), [(FakeZendesk.text(ofHTML: ticket.description), false)] + ticket.notes.map { ($0.bodyText, $0.isPrivate) })
        }
    }

    /// Adds `count` notes to a ticket, as agents writing on it an hour ago would have.
    func addNotes(_ count: Int, to ticket: Int64) {
        state.withLock { state in
            guard let index = state.tickets.firstIndex(where: { $0.id == ticket }) else { return }
            for number in 1...count {
                let id = state.newID()
                state.tickets[index].notes.append(
                    Note(
                        id: id, body: "<p>Note \(number)</p>", bodyText: "Note \(number)", isPrivate: true, incoming: false, userID: nil, files: [],
                        createdAt: Date().addingTimeInterval(-3600)))
            }
        }
    }

    func loseNextCreatedTicket() {
        state.withLock { $0.loseNextCreate = true }
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/api/v2/tickets") { request, _ in try await self.handle(request) { self.createTicket($0) } }
        router.get("/api/v2/tickets") { request, _ in try await self.handle(request) { self.listTickets($0) } }
        router.get("/api/v2/tickets/{id}") { request, context in
            let id = context.parameters.get("id").flatMap { Int64($0) }
            return try await self.handle(request) { _ in self.showTicket(id) }
        }
        router.post("/api/v2/tickets/{id}/notes") { request, context in
            let id = context.parameters.get("id").flatMap { Int64($0) }
            return try await self.handle(request) { self.createNote(id, $0) }
        }
        router.get("/api/v2/tickets/{id}/conversations") { request, context in
            let id = context.parameters.get("id").flatMap { Int64($0) }
            return try await self.handle(request) { self.conversations(id, $0) }
        }
        router.get("/api/v2/contacts") { request, _ in try await self.handle(request) { self.listContacts($0) } }
        return router
    }

    private func handle(_ request: Request, _ answer: (FakeRecorder.Received) -> Response) async throws -> Response {
        let (received, scripted) = try await recorder.receive(request)
        if let scripted { return scripted }
        let presented = request.headers[.authorization].flatMap { value -> String? in
            guard value.hasPrefix("Basic "), let data = Data(base64Encoded: String(value.dropFirst(6))) else { return nil }
            return String(decoding: data, as: UTF8.self).split(separator: ":", maxSplits: 1).first.map(String.init)
        }
        guard presented == apiKey else {
            return FakeRecorder.json(401, ["code": "invalid_credentials", "message": "You have to be logged in to perform this action."])
        }
        if let accept = request.headers[.accept], accept != "application/json", accept != "*/*" {
            return FakeRecorder.json(406, ["code": "invalid_accept_header", "message": "Only application/json and */* are accepted"])
        }
        if received.method == "POST" {
            let type = MediaType(contentType: received.contentType).essence
            guard type == "application/json" || type == "multipart/form-data" else {
                return FakeRecorder.json(415, ["code": "invalid_content_type", "message": "Content-Type must be application/json"])
            }
        }
        return answer(received)
    }

    /// A body's fields, whether JSON or a form: numbers and booleans as JSON has them, form fields as text,
    /// `tags[]` as one list, and the names of the files.
    private struct Fields {
        var values: [String: JSONValue] = [:]
        var files: [String] = []
        var isForm = false
        var errors: [JSONValue] = []

        init(_ received: FakeRecorder.Received) {
            if let form = received.form {
                isForm = true
                for part in form.parts {
                    if part.isFile {
                        if part.name == "attachments[]" {
                            files.append(part.filename ?? "")
                        } else {
                            fail(part.name, "Unexpected/invalid field in request", "invalid_field")
                        }
                    } else if part.name.hasSuffix("[]") {
                        let name = String(part.name.dropLast(2))
                        values[name] = .array((values[name]?.array ?? []) + [.string(part.text)])
                    } else {
                        values[part.name] = .string(part.text)
                    }
                }
            } else if case .object(let object)? = received.body {
                values = object
            } else {
                fail("body", "The body is not valid JSON", "invalid_json")
            }
        }

        mutating func fail(_ field: String, _ message: String, _ code: String) {
            errors.append(["field": .string(field), "message": .string(message), "code": .string(code)])
        }

        mutating func only(_ allowed: Set<String>) {
            for key in values.keys.sorted() where !allowed.contains(key) { fail(key, "Unexpected/invalid field in request", "invalid_field") }
        }

        mutating func number(_ key: String, in allowed: ClosedRange<Int64>? = nil) -> Int64? {
            guard let value = values[key] else { return nil }
            let number: Int64?
            switch value {
            case .int(let int): number = int
            case .string(let text) where isForm: number = Int64(text)
            default: number = nil
            }
            guard let number else {
                fail(key, "Value set is of type \(value.string == nil ? "other" : "String").It should be a/an Integer", "datatype_mismatch")
                return nil
            }
            if let allowed, !allowed.contains(number) { fail(key, "It should be one of these values: \(allowed)", "invalid_value") }
            return number
        }

        mutating func bool(_ key: String) -> Bool? {
            switch values[key] {
            case .bool(let flag)?: return flag
            case .string("true")? where isForm: return true
            case .string("false")? where isForm: return false
            case nil: return nil
            default:
                fail(key, "Value set is of type String.It should be a/an Boolean", "datatype_mismatch")
                return nil
            }
        }

        mutating func text(_ key: String) -> String? {
            guard let value = values[key] else { return nil }
            guard let text = value.string else {
                fail(key, "It should be a/an String", "datatype_mismatch")
                return nil
            }
            return text
        }

        var refusal: Response? {
            errors.isEmpty ? nil : FakeRecorder.json(400, ["description": "Validation failed", "errors": .array(errors)])
        }
    }

    private func createTicket(_ received: FakeRecorder.Received) -> Response {
        var fields = Fields(received)
        fields.only([
            "name", "requester_id", "email", "facebook_id", "phone", "twitter_id", "unique_external_id", "subject", "type", "status", "priority",
            "description", "responder_id", "cc_emails", "custom_fields", "due_by", "email_config_id", "fr_due_by", "group_id", "parent_id",
            "product_id", "source", "tags", "company_id",
        ])
        let email = fields.text("email")
        if let email, email.wholeMatch(of: /[^@\s]+@[^@\s]+\.[^@\s]+/) == nil {
            fields.fail("email", "It should be in the 'valid email address' format", "invalid_value")
        }
        if email == nil, fields.values["requester_id"] == nil {
            fields.fail(
                "requester_id", "Please fill at least 1 of requester_id, phone, email, twitter_id, facebook_id, unique_external_id fields",
                "missing_field")
        }
        let status = fields.number("status", in: 2...7) ?? 2
        let priority = fields.number("priority", in: 1...4) ?? 1
        if let source = fields.number("source"), ![1, 2, 3, 7, 9, 10].contains(source) {
            fields.fail("source", "It should be one of these values: '1,2,3,7,9,10'", "invalid_value")
        }
        let (group, responder) = (fields.number("group_id"), fields.number("responder_id"))
        let tags = fields.values["tags"]?.array?.compactMap(\.string) ?? []
        if let value = fields.values["tags"], value.array?.count != tags.count { fields.fail("tags", "It should be a/an Array", "datatype_mismatch") }
        let (subject, description, type) = (fields.text("subject"), fields.text("description") ?? "", fields.text("type"))
        if let refusal = fields.refusal { return refusal }
        return state.withLock { state in
            let requester: Int64
            if let email, let known = state.contacts.first(where: { $0.email.lowercased() == email.lowercased() }) {
                requester = known.id
            } else if let email {
                requester = state.newID()
                state.contacts.append(Contact(id: requester, email: email, name: fields.values["name"]?.string))
            } else {
                requester = fields.values["requester_id"]?.scalarText.flatMap { Int64($0) } ?? 0
            }
            let id = state.newID()
            state.tickets.append(
                Ticket(
                    id: id, requesterID: requester, subject: subject, description: description, status: Int(status), priority: Int(priority),
                    type: type, groupID: group, responderID: responder, tags: tags, files: fields.files, notes: []))
            if state.loseNextCreate {
                state.loseNextCreate = false
                return FakeRecorder.json(503, ["code": "service_unavailable", "message": "Service Unavailable"])
            }
            return FakeRecorder.json(
                201,
                [
                    "id": .int(id), "requester_id": .int(requester), "subject": subject.map(JSONValue.string) ?? .null, "status": .int(status),
                    "priority": .int(priority), "tags": .array(tags.map(JSONValue.string)),
                ], headers: ["Location": "https://acme.freshdesk.com/api/v2/tickets/\(id)"])
        }
    }

    /// The requester's tickets, as List All Tickets answers them: without their tags.
    private func listTickets(_ received: FakeRecorder.Received) -> Response {
        guard let email = received.query["email"] else { return FakeRecorder.json(200, []) }
        let requester = contacts.first { $0.email.lowercased() == email.lowercased() }?.id
        var found = tickets.filter { $0.requesterID == requester }
        if received.query["order_type"] == "desc" { found.reverse() }
        return FakeRecorder.json(
            200,
            .array(
                found.map {
                    ["id": .int($0.id), "requester_id": .int($0.requesterID), "created_at": .string($0.createdAt.formatted(.iso8601))]
                }))
    }

    /// A ticket, with its tags.
    private func showTicket(_ id: Int64?) -> Response {
        guard let ticket = tickets.first(where: { $0.id == id }) else { return FakeRecorder.empty(404) }
        return FakeRecorder.json(
            200,
            [
                "id": .int(ticket.id), "requester_id": .int(ticket.requesterID), "tags": .array(ticket.tags.map(JSONValue.string)),
                "created_at": .string(ticket.createdAt.formatted(.iso8601)),
            ])
    }

    private func createNote(_ id: Int64?, _ received: FakeRecorder.Received) -> Response {
        guard tickets.contains(where: { $0.id == id }) else { return FakeRecorder.empty(404) }
        var fields = Fields(received)
        fields.only(["body", "private", "incoming", "user_id", "notify_emails"])
        let body = fields.text("body")
        if body?.isEmpty != false { fields.fail("body", "It should be a/an String", "missing_field") }
        let isPrivate = fields.bool("private") ?? true
        let incoming = fields.bool("incoming") ?? false
        let user = fields.number("user_id")
        if let user, !contacts.contains(where: { $0.id == user }) {
            fields.fail("user_id", "There is no contact matching the given user_id", "invalid_value")
        }
        if let refusal = fields.refusal { return refusal }
        return state.withLock { state in
            let note = Note(
                id: state.newID(), body: body ?? "", bodyText: FakeZendesk.text(ofHTML: body ?? ""), isPrivate: isPrivate, incoming: incoming,
                userID: user, files: fields.files)
            guard let index = state.tickets.firstIndex(where: { $0.id == id }) else { return FakeRecorder.empty(404) }
            state.tickets[index].notes.append(note)
            return FakeRecorder.json(
                201, ["id": .int(note.id), "body": .string(note.body), "private": .bool(isPrivate), "incoming": .bool(incoming)])
        }
    }

    /// A page of the ticket's conversations, oldest first (`per_page` up to 100, 30 by default).
    private func conversations(_ id: Int64?, _ received: FakeRecorder.Received) -> Response {
        guard let ticket = tickets.first(where: { $0.id == id }) else { return FakeRecorder.empty(404) }
        let perPage = received.query["per_page"].flatMap { Int($0) } ?? 30
        let page = received.query["page"].flatMap { Int($0) } ?? 1
        guard (1...100).contains(perPage), page >= 1 else {
            return FakeRecorder.json(
                400,
                [
                    "description": "Validation failed",
                    "errors": [["field": "per_page", "message": "It should be between 1 and 100", "code": "invalid_value"]],
                ])
        }
        let shown = ticket.notes.dropFirst((page - 1) * perPage).prefix(perPage)
        return FakeRecorder.json(
            200,
            .array(
                shown.map {
                    [
                        "id": .int($0.id), "body": .string($0.body), "body_text": .string($0.bodyText), "private": .bool($0.isPrivate),
                        "incoming": .bool($0.incoming), "user_id": $0.userID.map(JSONValue.int) ?? .null,
                        "created_at": .string($0.createdAt.formatted(.iso8601)),
                    ]
                }))
    }

    private func listContacts(_ received: FakeRecorder.Received) -> Response {
        let email = received.query["email"]?.lowercased()
        return FakeRecorder.json(
            200, .array(contacts.filter { $0.email.lowercased() == email }.map { ["id": .int($0.id), "email": .string($0.email)] }))
    }
}
