import TicketGateCore

/// Fills an event from a chat transcript, the same way for every chat format: the first customer is the
/// sender, what the customers wrote is the text, and the conversation id is the thread key.
enum ChatEventBuilder {
    static func fill(_ event: inout InboundEvent, with transcript: ChatTranscript, providerEventID: String?) {
        event.transcript = transcript
        event.providerEventID = providerEventID
        event.thread.conversationID = transcript.conversationID
        let customer = transcript.customer
        let customerTurn = transcript.turns.first { $0.role == .customer }
        event.sender = Party(email: customer?.email.flatMap { EmailAddress.isPlausible($0) ? $0 : nil }, name: customer?.name ?? customerTurn?.name)
        event.text = transcript.customerText
        event.occurredAt = transcript.turns.last?.at
    }

    /// A role from a provider's author type; anything unknown is the customer's side, never staff.
    static func role(_ type: String?) -> ChatRole {
        switch type?.lowercased() {
        case "agent", "admin", "operator", "business", "a", "team", "teammate": .agent
        case "bot", "b", "ai": .bot
        case "system", "s": .system
        default: .customer
        }
    }
}
