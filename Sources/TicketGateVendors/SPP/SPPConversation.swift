/// Where an SPP message goes: a ticket or an order, by the id as it appears in the path (percent-encoded, or
/// a dry-run placeholder).
enum SPPConversation: Sendable, Equatable {
    case ticket(String)
    case order(String)

    var path: String {
        switch self {
        case .ticket(let segment): "/api/ticket_messages/\(segment)"
        case .order(let segment): "/api/order_messages/\(segment)"
        }
    }
}
