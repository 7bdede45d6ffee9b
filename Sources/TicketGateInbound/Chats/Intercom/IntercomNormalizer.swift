import TicketGateCore

/// `kind: chat, format: intercom`: a `notification_event` whose item is a conversation. The conversation's
/// first message and its parts become turns (HTML reduced to text); the notification id identifies the event.
/// The `ping` Intercom sends when a webhook is registered is acknowledged and not stored.
struct IntercomNormalizer: EventNormalizer {
    var mediaTypes: [MediaKind] { [.json] }

    func normalize(_ payload: Payload, request: InboundRequest, into event: inout InboundEvent) throws(InboundError) {
        let value = try payload.json(for: "Intercom")
        if value["topic"]?.string == "ping" {
            throw InboundError(.ignored, "Intercom's ping is acknowledged; it is not an event")
        }
        guard let item = value["data", "item"], item.object != nil else {
            throw InboundError(.malformedBody, "an Intercom notification needs data.item")
        }
        var participants: [ChatParticipant] = []
        var known = Set<ChatParticipant>()
        var turns: [ChatTurn] = []
        if let source = item["source"], let author = source["author"] {
            participants.append(Self.participant(author))
            known.insert(participants[0])
            if let turn = Self.turn(body: source["body"], author: author, at: item["created_at"]) { turns.append(turn) }
            for attachment in source["attachments"]?.array ?? [] { Self.append(attachment, to: &event) }
        }
        for part in item["conversation_parts", "conversation_parts"]?.array ?? [] {
            guard let author = part["author"] else { continue }
            let participant = Self.participant(author)
            if known.insert(participant).inserted { participants.append(participant) }
            if let turn = Self.turn(body: part["body"], author: author, at: part["created_at"]) { turns.append(turn) }
            for attachment in part["attachments"]?.array ?? [] { Self.append(attachment, to: &event) }
        }
        let transcript = ChatTranscript(conversationID: item["id"]?.scalarText, participants: participants, turns: turns)
        ChatEventBuilder.fill(&event, with: transcript, providerEventID: value["id"]?.scalarText)
        event.subject = item["source", "subject"]?.string.map(HTMLText.plainText(fromHTML:)).flatMap { $0.isEmpty ? nil : $0 }
    }

    private static func participant(_ author: JSONValue) -> ChatParticipant {
        ChatParticipant(
            id: author["id"]?.scalarText, role: ChatEventBuilder.role(author["type"]?.string), name: author["name"]?.string,
            email: author["email"]?.string)
    }

    private static func turn(body: JSONValue?, author: JSONValue, at time: JSONValue?) -> ChatTurn? {
        guard let html = body?.string, !html.isEmpty else { return nil }
        let text = HTMLText.plainText(fromHTML: html)
        guard !text.isEmpty else { return nil }
        return ChatTurn(
            role: ChatEventBuilder.role(author["type"]?.string), name: author["name"]?.string, at: TimeValue.date(time), text: text, html: html)
    }

    private static func append(_ attachment: JSONValue, to event: inout InboundEvent) {
        guard let url = attachment["url"]?.string else { return }
        event.attachments.append(
            Attachment(
                name: attachment["name"]?.string ?? "attachment", contentType: attachment["content_type"]?.string ?? "application/octet-stream",
                size: attachment["filesize"]?.count, url: url
            )
        )
    }
}
