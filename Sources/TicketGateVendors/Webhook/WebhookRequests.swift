import Foundation
import TicketGateCore

/// Builds a webhook's one request: the body, and the headers that sign it.
struct WebhookRequests: Sendable {
    /// The `type` of the default body.
    static let eventType = "ticketgate.event.routed"

    let url: String
    /// The path as audit records and logs show it: its first segment, the rest (where receivers such as Slack
    /// put a secret) as `…`.
    let shownPath: String
    /// The URL as dry runs and `explain` show it: without user, password, query or fragment, its path as
    /// `shownPath`.
    let shownURL: String
    let signer: WebhookSigner?

    init(destination: DestinationDefinition) {
        url = destination.baseURL
        let components = URLComponents(string: destination.baseURL)
        let segments = (components?.path ?? "").split(separator: "/")
        shownPath = "/" + (segments.first.map { segments.count > 1 ? "\($0)/…" : String($0) } ?? "")
        var shown = URLComponents()
        shown.scheme = components?.scheme
        shown.host = components?.host
        shown.port = components?.port
        shownURL = (shown.string ?? "") + shownPath
        signer = destination.credential.flatMap { WebhookSigner(secrets: $0.value) }
    }

    /// The message id: the same for every attempt of a delivery, so a receiver can drop a repeat (the
    /// `webhook-id` and `Idempotency-Key` headers).
    static func messageID(_ job: DeliveryJob) -> String {
        "\(job.eventID.rawValue)-\(job.id)"
    }

    /// The POST of `job`, signed at `sentAt`; fails when a rule's `body` template rendered text that is not JSON.
    func post(_ job: DeliveryJob, sentAt: Date) -> Result<VendorRequest, DeliveryFailure> {
        let body: Data
        switch Self.body(job) {
        case .success(let data): body = data
        case .failure(let failure): return .failure(failure)
        }
        let id = Self.messageID(job)
        let timestamp = Int(sentAt.timeIntervalSince1970)
        var headers: [(name: String, value: String)] = [
            ("Content-Type", "application/json"), ("User-Agent", "ticketgate"), ("webhook-id", id), ("webhook-timestamp", String(timestamp)),
            ("Idempotency-Key", id),
        ]
        if let signer {
            headers.append(("webhook-signature", signer.signature(id: id, timestamp: timestamp, body: body)))
        }
        return .success(
            VendorRequest(
                method: "POST", url: url, path: shownPath, headers: headers, body: body, credentialHeaders: ["webhook-signature"], shownURL: shownURL)
        )
    }

    /// What a rule's `body` template rendered, when it is JSON; otherwise the default body:
    /// `{"type", "timestamp", "data": {"event_id", "destination", "conversation", "event", "decision"}}`, where
    /// `timestamp` is when the event arrived, so every attempt sends the same bytes.
    static func body(_ job: DeliveryJob) -> Result<Data, DeliveryFailure> {
        if let rendered = job.draft.vendorSetting("body")?.text {
            let data = Data(rendered.utf8)
            guard (try? JSONDecoder().decode(JSONValue.self, from: data)) != nil else {
                return .failure(DeliveryFailure(.invalidRequest, "the rules' body template rendered text that is not JSON"))
            }
            return .success(data)
        }
        let message = WebhookMessage(
            type: eventType, timestamp: job.event?.receivedAt ?? job.queuedAt ?? Date(timeIntervalSince1970: 0),
            data: .init(
                eventID: job.eventID.rawValue, destination: job.destination, conversation: job.knownTicket, event: job.event, decision: job.draft))
        // Strings, dates and the gateway's own Codable types; encoding them cannot fail.
        return .success(Data(try! WebhookMessage.encoder.encode(message)))
    }
}

/// The default body, in the Standard Webhooks payload shape (`type`, `timestamp`, `data`).
struct WebhookMessage: Encodable {
    struct Content: Encodable {
        var eventID: String
        var destination: String
        /// The `webhook-id` of the message that opened the conversation the event continues (or the ticket a
        /// rule's `reply_to` named); absent when the event opens one.
        var conversation: String?
        /// The normalized event, as `events show --json` gives it.
        var event: InboundEvent?
        /// The ticket the rules decided for this destination.
        var decision: TicketDraft

        enum CodingKeys: String, CodingKey {
            case eventID = "event_id"
            case destination, conversation, event, decision
        }
    }

    var type: String
    var timestamp: Date
    var data: Content

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
