import TicketGateCore

/// `kind: chat, format: generic`: ticketgate's own transcript schema, for chatbots and relays that post
/// a conversation themselves.
///
/// ```json
/// {
///   "id": "evt-42",
///   "conversation_id": "conv-7",
///   "subject": "Order 1042 is late",
///   "participants": [
///     {"id": "u1", "role": "customer", "name": "Jane Doe", "email": "jane@example.com"},
///     {"id": "b1", "role": "bot", "name": "Helper"}
///   ],
///   "turns": [
///     {"participant": "u1", "time": "2026-11-21T10:00:00Z", "text": "Where is my order?"},
///     {"participant": "b1", "time": 1795255260, "text": "Let me find a person for you."}
///   ]
/// }
/// ```
///
/// A turn names its `participant`, or gives its own `role` (`customer`, `agent`, `bot`, `system`) and `name`;
/// `time` is ISO 8601 or Unix seconds or milliseconds; `html` may replace or accompany `text`.
struct GenericChatNormalizer: EventNormalizer {
    var mediaTypes: [MediaKind] { [.json] }

    func normalize(_ payload: Payload, request: InboundRequest, into event: inout InboundEvent) throws(InboundError) {
        let value = try payload.json(for: "generic chat")
        guard let turnValues = value["turns"]?.array else {
            throw InboundError(.malformedBody, "a generic chat needs a 'turns' list")
        }
        let participants = (value["participants"]?.array ?? []).compactMap { item -> ChatParticipant? in
            guard item.object != nil else { return nil }
            return ChatParticipant(
                id: item["id"]?.scalarText,
                role: ChatRole(rawValue: item["role"]?.string ?? "") ?? .customer,
                name: item["name"]?.string,
                email: item["email"]?.string
            )
        }
        let participantsByID = Dictionary(participants.compactMap { participant in participant.id.map { ($0, participant) } }) { first, _ in first }
        var turns: [ChatTurn] = []
        for item in turnValues {
            let participant = item["participant"]?.scalarText.flatMap { participantsByID[$0] }
            let html = item["html"]?.string
            guard let text = item["text"]?.string ?? html.map(HTMLText.plainText(fromHTML:)) else { continue }
            let role = item["role"]?.string.flatMap(ChatRole.init(rawValue:)) ?? participant?.role ?? .customer
            turns.append(
                ChatTurn(role: role, name: item["name"]?.string ?? participant?.name, at: TimeValue.date(item["time"]), text: text, html: html))
        }
        let transcript = ChatTranscript(conversationID: value["conversation_id"]?.scalarText, participants: participants, turns: turns)
        ChatEventBuilder.fill(&event, with: transcript, providerEventID: value["id"]?.scalarText)
        event.subject = value["subject"]?.string
    }
}
