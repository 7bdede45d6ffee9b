import Foundation
import HTTPTypes
import Hummingbird
import Synchronization
import TicketGateCore

/// A local Initdesk organization that checks requests as strictly as seed 004 describes: the
/// `X-Initdesk-Token` header (401 without it, 403 for another organization's path), the trailing `/` of the
/// path, JSON bodies of documented fields only with their types, `next_action` from the documented enum,
/// email addresses in `external_recipient_emails`, and a ticket that exists. A created message is answered
/// `201` with the documented Message resource.
final class FakeInitdesk: FakeVendor {
    struct Message: Sendable, Equatable {
        var id: Int
        var ticketID: Int
        var content: String?
        var contentHTML: String?
        var isVisibleToCustomer: Bool?
        var nextAssigneeID: Int?
        var nextAction: String?
        var externalRecipientEmails: [String]?
        /// The body's keys, to tell an omitted field from a null one.
        var keys: Set<String>
    }

    static let nextActions: Set<String> = [
        "", "close_and_mark_resolved", "close_and_mark_invalid", "close_and_mark_customer_inactivity", "reopen_waiting_customer",
        "reopen_waiting_associate", "close_and_mark_other", "report_spam", "remove_from_spam",
    ]

    let recorder = FakeRecorder()
    let token: String
    let organization: Int
    private let tickets: Mutex<Set<Int>>
    private let stored = Mutex<[Message]>([])
    private let nextID = Mutex(900)

    init(token: String = "initdesk-test-token", organization: Int = 42, tickets: Set<Int> = [7001]) {
        self.token = token
        self.organization = organization
        self.tickets = Mutex(tickets)
    }

    var messages: [Message] { stored.withLock { $0 } }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/organizations/{organization}/tickets/{ticket}/messages/") { request, context in
            try await self.createMessage(request, organization: context.parameters.get("organization"), ticket: context.parameters.get("ticket"))
        }
        return router
    }

    private func createMessage(_ request: Request, organization: String?, ticket: String?) async throws -> Response {
        let (received, scripted) = try await recorder.receive(request)
        if let scripted { return scripted }
        guard request.headers[HTTPField.Name("X-Initdesk-Token")!] == token else {
            return FakeRecorder.json(401, ["detail": "Invalid token."])
        }
        guard organization == String(self.organization) else {
            return FakeRecorder.json(403, ["detail": "You do not have permission to perform this action."])
        }
        guard received.path.hasSuffix("/messages/") else {
            return FakeRecorder.json(404, ["detail": "Not found."])
        }
        guard let ticketID = ticket.flatMap({ Int($0) }), tickets.withLock({ $0.contains(ticketID) }) else {
            return FakeRecorder.json(404, ["detail": "Not found."])
        }
        guard request.headers[.contentType]?.hasPrefix("application/json") == true, case .object(let body)? = received.body else {
            return FakeRecorder.json(415, ["detail": "Unsupported media type in request."])
        }
        var errors: [String: JSONValue] = [:]
        let documented: Set<String> = [
            "next_assignee_id", "next_action", "content", "content_html", "is_visible_to_customer", "external_recipient_emails", "attachment_ids",
        ]
        for key in body.keys where !documented.contains(key) { errors[key] = ["This field is not documented."] }
        func string(_ key: String) -> String? {
            guard let value = body[key] else { return nil }
            guard case .string(let text) = value else {
                errors[key] = ["Not a valid string."]
                return nil
            }
            return text
        }
        let content = string("content")
        let contentHTML = string("content_html")
        let nextAction = string("next_action")
        if let nextAction, !Self.nextActions.contains(nextAction) {
            errors["next_action"] = .array([.string("\"\(nextAction)\" is not a valid choice.")])
        }
        var visible: Bool?
        if let value = body["is_visible_to_customer"] {
            if case .bool(let flag) = value { visible = flag } else { errors["is_visible_to_customer"] = ["Must be a valid boolean."] }
        }
        var assignee: Int?
        if let value = body["next_assignee_id"], value != .null {
            if case .int(let id) = value { assignee = Int(id) } else { errors["next_assignee_id"] = ["A valid integer is required."] }
        }
        var recipients: [String]?
        if let value = body["external_recipient_emails"], value != .null {
            let addresses = value.array?.compactMap(\.string) ?? []
            if value.array?.count != addresses.count
                || addresses.contains(where: { $0.range(of: #"^[^@\s]+@[^@\s]+\.[^@\s]+$"#, options: .regularExpression) == nil })
            {
                errors["external_recipient_emails"] = ["Enter a valid email address."]
            }
            recipients = addresses
        }
        if content == nil && contentHTML == nil { errors["content"] = ["content or content_html is required."] }
        guard errors.isEmpty else { return FakeRecorder.json(400, .object(errors)) }
        let id = nextID.withLock { id in
            id += 1
            return id
        }
        let message = Message(
            id: id, ticketID: ticketID, content: content, contentHTML: contentHTML, isVisibleToCustomer: visible, nextAssigneeID: assignee,
            nextAction: nextAction, externalRecipientEmails: recipients, keys: Set(body.keys))
        stored.withLock { $0.append(message) }
        return FakeRecorder.json(
            201,
            [
                "id": .int(Int64(id)), "author": ["id": 1, "email": "api@acme.example", "name": "API"], "role": "associate",
                "sender": ["email": "api@acme.example", "name": "API", "user_id": 1],
                "next_assignee": assignee.map { ["id": .int(Int64($0)), "email": "agent@acme.example", "name": "Agent"] } ?? .null,
                "created_at": "2026-11-21T10:00:00Z", "updated_at": "2026-11-21T10:00:00Z", "attachments": [],
                "content": .string(content ?? ""), "content_html": .string(contentHTML ?? ""), "is_visible_to_customer": .bool(visible ?? true),
                "external_recipient_emails": .array((recipients ?? []).map(JSONValue.string)),
            ]
        )
    }
}
