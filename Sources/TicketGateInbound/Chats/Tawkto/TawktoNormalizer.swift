import TicketGateCore

/// `kind: chat, format: tawkto`: `chat:transcript_created` (the whole conversation), `chat:start` (its first
/// message) and `ticket:create` (an offline form). The `X-Hook-Event-Id` header identifies the event.
struct TawktoNormalizer: EventNormalizer {
    var mediaTypes: [MediaKind] { [.json] }

    func normalize(_ payload: Payload, request: InboundRequest, into event: inout InboundEvent) throws(InboundError) {
        let value = try payload.json(for: "tawk.to")
        let eventID = request.header("X-Hook-Event-Id")
        switch value["event"]?.string {
        case "chat:transcript_created":
            try transcript(value, eventID: eventID, into: &event)
        case "chat:start":
            let visitor = value["visitor"]
            let customer = ChatParticipant(role: .customer, name: visitor?["name"]?.string, email: visitor?["email"]?.string)
            var turns: [ChatTurn] = []
            if let text = value["message", "text"]?.string {
                turns.append(
                    ChatTurn(
                        role: ChatEventBuilder.role(value["message", "sender", "type"]?.string), name: customer.name,
                        at: TimeValue.date(value["time"]), text: text))
            }
            let chat = ChatTranscript(conversationID: value["chatId"]?.scalarText, participants: [customer], turns: turns)
            ChatEventBuilder.fill(&event, with: chat, providerEventID: eventID)
        case "ticket:create":
            let requester = value["requester"]
            event.providerEventID = eventID
            event.sender = Party(email: requester?["email"]?.string, name: requester?["name"]?.string)
            event.subject = value["ticket", "subject"]?.string
            event.text = value["ticket", "message"]?.string
            event.occurredAt = TimeValue.date(value["time"])
        default:
            throw InboundError(.malformedBody, "a tawk.to payload needs an event of chat:transcript_created, chat:start or ticket:create")
        }
        event.recipient = value["property", "name"]?.string
    }

    private func transcript(_ value: JSONValue, eventID: String?, into event: inout InboundEvent) throws(InboundError) {
        guard let chat = value["chat"], let messages = chat["messages"]?.array else {
            throw InboundError(.malformedBody, "a tawk.to transcript needs chat.messages")
        }
        let visitor = chat["visitor"]
        let customer = ChatParticipant(
            id: visitor?["id"]?.scalarText, role: .customer, name: visitor?["name"]?.string, email: visitor?["email"]?.string)
        var participants = [customer]
        var knownNames = Set(customer.name.map { [$0] } ?? [])
        var turns: [ChatTurn] = []
        for message in messages {
            guard let text = message["msg"]?.string else { continue }
            let role = ChatEventBuilder.role(message["sender", "t"]?.string ?? message["sender", "type"]?.string)
            let name = message["sender", "n"]?.string ?? message["sender", "name"]?.string
            if role != .customer, let name, knownNames.insert(name).inserted {
                participants.append(ChatParticipant(role: role, name: name))
            }
            turns.append(
                ChatTurn(role: role, name: name ?? (role == .customer ? customer.name : nil), at: TimeValue.date(message["time"]), text: text))
        }
        let transcript = ChatTranscript(conversationID: chat["id"]?.scalarText, participants: participants, turns: turns)
        ChatEventBuilder.fill(&event, with: transcript, providerEventID: eventID)
    }
}
