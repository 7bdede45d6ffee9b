import TicketGateCore

/// `kind: chat, format: sunshine`: a Zendesk Sunshine Conversations v2 webhook. Its `events` come in batches;
/// every `conversation:message` becomes a turn of one transcript, keyed by the first message's conversation.
/// The first event's id identifies the delivery.
struct SunshineNormalizer: EventNormalizer {
    var mediaTypes: [MediaKind] { [.json] }

    func normalize(_ payload: Payload, request: InboundRequest, into event: inout InboundEvent) throws(InboundError) {
        let value = try payload.json(for: "Sunshine Conversations")
        guard let events = value["events"]?.array else {
            throw InboundError(.malformedBody, "a Sunshine Conversations webhook needs events")
        }
        let messages = events.filter { $0["type"]?.string == "conversation:message" }
        var participants: [ChatParticipant] = []
        var known = Set<[String?]>()
        var turns: [ChatTurn] = []
        for item in messages {
            guard let message = item["payload", "message"] else { continue }
            let author = message["author"]
            let role: ChatRole = author?["type"]?.string == "business" ? .agent : .customer
            let profile = author?["user", "profile"]
            let name =
                author?["displayName"]?.string
                ?? [profile?["givenName"]?.string, profile?["surname"]?.string].compactMap { $0 }.joined(separator: " ")
            let participant = ChatParticipant(
                id: author?["userId"]?.scalarText, role: role, name: name.isEmpty ? nil : name, email: profile?["email"]?.string)
            if known.insert([participant.role.rawValue, participant.id]).inserted { participants.append(participant) }
            let at = TimeValue.date(message["received"] ?? item["createdAt"])
            switch message["content", "type"]?.string {
            case "text":
                if let text = message["content", "text"]?.string { turns.append(ChatTurn(role: role, name: participant.name, at: at, text: text)) }
            case "image", "file":
                if let url = message["content", "mediaUrl"]?.string {
                    let file = message["content", "altText"]?.string ?? "file"
                    event.attachments.append(
                        Attachment(name: file, contentType: message["content", "mediaType"]?.string ?? "application/octet-stream", url: url))
                    turns.append(ChatTurn(role: role, name: participant.name, at: at, text: message["content", "text"]?.string ?? "[file] \(file)"))
                }
            default:
                if let text = message["content", "text"]?.string { turns.append(ChatTurn(role: role, name: participant.name, at: at, text: text)) }
            }
        }
        let conversation = messages.first?["payload", "conversation", "id"]?.scalarText
        let transcript = ChatTranscript(conversationID: conversation, participants: participants, turns: turns)
        ChatEventBuilder.fill(&event, with: transcript, providerEventID: events.first?["id"]?.scalarText)
    }
}
