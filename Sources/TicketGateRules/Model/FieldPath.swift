import Foundation
import TicketGateCore

/// A field of the normalized event that a condition can test, such as `sender.email` or `fields.plan`.
enum FieldPath: Sendable, Hashable, CustomStringConvertible {
    case source
    case kind
    case format
    case senderEmail
    case senderName
    case senderDomain
    case recipient
    case subject
    case body
    case field(String)
    case header(String)
    case clientIP
    case transcript
    case attachmentCount
    case receivedAt

    /// The fixed names, for parsing and for "did you mean" hints.
    static let fixedNames: [String: FieldPath] = [
        "source": .source, "kind": .kind, "format": .format,
        "sender.email": .senderEmail, "sender.name": .senderName, "sender.domain": .senderDomain,
        "recipient": .recipient, "subject": .subject, "body": .body, "client.ip": .clientIP,
        "transcript": .transcript, "attachments.count": .attachmentCount, "received_at": .receivedAt,
    ]

    /// The written prefixes of the open-ended paths.
    static let prefixes = ["fields.", "headers."]

    init?(_ text: String) {
        if let fixed = Self.fixedNames[text] {
            self = fixed
        } else if text.hasPrefix("fields."), text.count > "fields.".count {
            self = .field(String(text.dropFirst("fields.".count)))
        } else if text.hasPrefix("headers."), text.count > "headers.".count {
            self = .header(String(text.dropFirst("headers.".count)).lowercased())
        } else {
            return nil
        }
    }

    var description: String {
        switch self {
        case .field(let name): "fields.\(name)"
        case .header(let name): "headers.\(name)"
        default: Self.fixedNames.first { $0.value == self }?.key ?? "?"
        }
    }

    /// The field's moment: the event's arrival for `received_at`, else its value read as ISO 8601.
    func date(in event: InboundEvent, text: String?) -> Date? {
        if self == .receivedAt { return event.receivedAt }
        return text.flatMap { try? Date($0, strategy: .iso8601) }
    }

    /// The field's value in `event`, or `nil` when the event does not have it.
    func value(in event: InboundEvent) -> String? {
        switch self {
        case .source: event.source
        case .kind: event.kind.rawValue
        case .format: event.format
        case .senderEmail: event.sender.email
        case .senderName: event.sender.name
        case .senderDomain: event.sender.domain
        case .recipient: event.recipient
        case .subject: event.subject
        case .body: event.text
        case .field(let name): event.fields.value(named: name)
        case .header(let name): event.headers[name]
        case .clientIP: event.clientIP
        case .transcript: event.transcript?.renderedText
        case .attachmentCount: String(event.attachments.count)
        case .receivedAt: event.receivedAt.formatted(.iso8601)
        }
    }
}
