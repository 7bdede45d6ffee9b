import Foundation
import HTTPTypes
import Hummingbird
import Synchronization
import TicketGateCore

@testable import TicketGateInbound

/// A local Omnidesk account that checks requests as strictly as seed 003 describes: the `apiKey` header,
/// `multipart/form-data` bodies of documented fields only, `brandID` a known brand, `subject`, `from` and
/// `message` of at least one character on the chatbot; on messages a `ticketID` that exists, a `type` that
/// matches `^([0-9]+|calllog|contactform)$`, a `message` of at least five characters, `sendAt` as
/// `YYYY-MM-DD HH:MM:SS`, numbers where numbers are documented. Success is `200` with no content, as the
/// specification says; a refusal is Omnidesk's `400 {"status":"error","message"}`.
final class FakeOmnidesk: FakeVendor {
    struct Ticket: Sendable, Equatable {
        var id: Int
        var brandID: Int
        var subject: String
        var from: String
        var message: String
    }

    struct Message: Sendable, Equatable {
        var ticketID: Int
        var type: String
        var message: String
        var userID: Int?
        var submitStatus: String?
        var sendAt: String?
        /// Every field the request carried, by name.
        var fields: [String: String]
    }

    private struct State {
        var tickets: [Ticket] = []
        var messages: [Message] = []
        var nextID = 500
    }

    static let chatbotFields: Set<String> = ["brandID", "message", "subject", "from"]
    static let messageFields: Set<String> = [
        "ticketID", "type", "toAddress", "ccInput", "bccInput", "respondMessageID", "plaintext", "message", "forwardedFileIDs[]", "sendAt",
        "userID", "submitStatus",
    ]

    let recorder = FakeRecorder()
    let apiKey: String
    let brands: Set<Int>
    private let state = Mutex(State())

    init(apiKey: String = "omnidesk-test-key", brands: Set<Int> = [1, 2]) {
        self.apiKey = apiKey
        self.brands = brands
    }

    var tickets: [Ticket] { state.withLock { $0.tickets } }
    var messages: [Message] { state.withLock { $0.messages } }

    /// Adds a ticket that exists before the test, returning its id.
    @discardableResult
    func addTicket(brandID: Int = 1) -> Int {
        state.withLock { state in
            state.nextID += 1
            state.tickets.append(Ticket(id: state.nextID, brandID: brandID, subject: "Earlier", from: "earlier@example.com", message: "Earlier."))
            return state.nextID
        }
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/api/v2/message/chatbot") { request, _ in try await self.handle(request, fields: Self.chatbotFields, self.chatbot) }
        router.post("/api/v2/message") { request, _ in try await self.handle(request, fields: Self.messageFields, self.message) }
        return router
    }

    private func handle(_ request: Request, fields allowed: Set<String>, _ route: (FormFields) -> Response) async throws -> Response {
        let (received, scripted) = try await recorder.receive(request)
        if let scripted { return scripted }
        guard request.headers[HTTPField.Name("apiKey")!] == apiKey else {
            return Self.error(401, "Invalid API key.")
        }
        guard let form = received.form else {
            return Self.error(400, "The body must be multipart/form-data.")
        }
        var fields = FormFields(form)
        for name in fields.names where !allowed.contains(name) {
            fields.fail("\(name) is not a parameter of this endpoint")
        }
        return fields.problems.isEmpty ? route(fields) : Self.error(400, fields.problems.joined(separator: "; "))
    }

    private func chatbot(_ form: FormFields) -> Response {
        var form = form
        let brandID = form.number("brandID", required: true)
        let message = form.text("message", required: true, minimum: 1)
        let subject = form.text("subject", required: true, minimum: 1)
        let from = form.text("from", required: true, minimum: 1)
        if let brandID, !brands.contains(brandID) { form.fail("brandID \(brandID) is not a brand of this account") }
        guard form.problems.isEmpty, let brandID, let message, let subject, let from else {
            return Self.error(400, form.problems.joined(separator: "; "))
        }
        state.withLock { state in
            state.nextID += 1
            state.tickets.append(Ticket(id: state.nextID, brandID: brandID, subject: subject, from: from, message: message))
        }
        return FakeRecorder.empty(200)
    }

    private func message(_ form: FormFields) -> Response {
        var form = form
        let ticketID = form.number("ticketID", required: true)
        let type = form.text("type", required: true, minimum: 1, pattern: "^([0-9]+|calllog|contactform)$")
        let message = form.text("message", required: true, minimum: 5)
        let sendAt = form.text("sendAt", pattern: #"^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$"#)
        let userID = form.number("userID")
        let submitStatus = form.text("submitStatus", pattern: "^[a-z_]+$")
        _ = form.number("respondMessageID")
        _ = form.text("ccInput", pattern: "^$|^[^@,\\s]+@[^@,\\s]+$")
        _ = form.text("bccInput", pattern: "^$|^[^@,\\s]+@[^@,\\s]+$")
        if let ticketID, !tickets.contains(where: { $0.id == ticketID }) { form.fail("ticket \(ticketID) does not exist") }
        guard form.problems.isEmpty, let ticketID, let type, let message else {
            return Self.error(400, form.problems.joined(separator: "; "))
        }
        state.withLock {
            $0.messages.append(
                Message(
                    ticketID: ticketID, type: type, message: message, userID: userID, submitStatus: submitStatus, sendAt: sendAt, fields: form.values)
            )
        }
        return FakeRecorder.empty(200)
    }

    static func error(_ status: Int, _ message: String) -> Response {
        FakeRecorder.json(status, ["status": "error", "message": .string(message)])
    }
}
