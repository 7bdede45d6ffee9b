import Foundation
import HTTPTypes
import Hummingbird
import Synchronization
import TicketGateCore

@testable import TicketGateInbound

/// A webhook receiver as the Standard Webhooks specification asks one to be
/// (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md): it verifies
/// `webhook-signature` over `webhook-id`, `webhook-timestamp` and the body with its secret (the gateway's own
/// standard-webhooks verifier, checked against the specification's vectors; 401 otherwise), refuses a
/// timestamp more than five minutes away, a body that is not JSON (400) or not sent as JSON (415), and a
/// message without `Idempotency-Key`; it keeps each message once, by `webhook-id`.
final class FakeWebhook: HelpdeskFake {
    struct Message: Sendable {
        var id: String
        var body: JSONValue
    }

    static let path = "/hooks/ticketgate"

    let recorder = FakeRecorder()
    let secret: String
    private let stored = Mutex<[Message]>([])
    private let answersToLose = Mutex(0)

    init(secret: String = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") {
        self.secret = secret
    }

    var messages: [Message] { stored.withLock { $0 } }

    /// Each conversation: the message that opened it, then those that name it as `data.conversation`.
    var conversations: [(ticket: String, messages: [(text: String, staffOnly: Bool)])] {
        var opened: [(ticket: String, messages: [(text: String, staffOnly: Bool)])] = []
        for message in messages {
            let entry = (
                text: message.body["data", "decision", "message"]?.string ?? "", staffOnly: message.body["data", "decision", "staffOnly"] == true
            )
            if let ticket = message.body["data", "conversation"]?.string, let index = opened.firstIndex(where: { $0.ticket == ticket }) {
                opened[index].messages.append(entry)
            } else {
                opened.append((message.id, [entry]))
            }
        }
        return opened
    }

    func loseNextCreatedTicket() { loseAnswers(1) }

    /// The next `count` messages are kept, but answered 503, as a proxy that timed out would: the sender
    /// cannot know they arrived.
    func loseAnswers(_ count: Int) {
        answersToLose.withLock { $0 = count }
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.post(RouterPath(stringLiteral: Self.path)) { request, _ in try await self.receive(request) }
        return router
    }

    private func receive(_ request: Request) async throws -> Response {
        let (received, scripted) = try await recorder.receive(request)
        if let scripted { return scripted }
        let verifier = VerifierFactory.make(VerificationSettings(scheme: .standardWebhooks, secrets: [Secret(secret)]))
        do {
            _ = try verifier.verify(InboundRequest(body: received.raw, headers: request.headers), payload: nil)
        } catch {
            return FakeRecorder.json(401, ["error": .string("invalid signature: \(error)")])
        }
        guard request.headers[.contentType]?.hasPrefix("application/json") == true else {
            return FakeRecorder.json(415, ["error": "the body must be sent as application/json"])
        }
        guard let body = received.body else { return FakeRecorder.json(400, ["error": "the body is not JSON"]) }
        guard let id = request.headers[HTTPField.Name("webhook-id")!], request.headers[HTTPField.Name("Idempotency-Key")!] == id else {
            return FakeRecorder.json(400, ["error": "Idempotency-Key must repeat webhook-id"])
        }
        stored.withLock { messages in
            if !messages.contains(where: { $0.id == id }) { messages.append(Message(id: id, body: body)) }
        }
        let lost = answersToLose.withLock { count in
            defer { count = max(0, count - 1) }
            return count > 0
        }
        return lost ? FakeRecorder.json(503, ["error": "upstream timed out"]) : FakeRecorder.json(200, ["received": .string(id)])
    }
}
