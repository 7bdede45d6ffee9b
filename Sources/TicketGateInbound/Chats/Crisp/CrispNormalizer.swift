import TicketGateCore

/// `kind: chat, format: crisp`: a web hook such as `message:send` (the visitor wrote) or `message:received`
/// (an operator wrote). One message per hook; the session id is the conversation, the fingerprint the event
/// id. File messages become attachments to fetch from Crisp.
struct CrispNormalizer: EventNormalizer {
    var mediaTypes: [MediaKind] { [.json] }

    func normalize(_ payload: Payload, request: InboundRequest, into event: inout InboundEvent) throws(InboundError) {
        let value = try payload.json(for: "Crisp")
        guard let data = value["data"], data.object != nil else {
            throw InboundError(.malformedBody, "a Crisp web hook needs data")
        }
        let role: ChatRole = data["from"]?.string == "operator" ? .agent : .customer
        let name = data["user", "nickname"]?.string
        var turns: [ChatTurn] = []
        let at = TimeValue.date(data["timestamp"] ?? value["timestamp"])
        switch data["type"]?.string {
        case "text", nil:
            if let text = data["content"]?.string { turns.append(ChatTurn(role: role, name: name, at: at, text: text)) }
        case "file", "audio", "animation":
            if let url = data["content", "url"]?.string {
                let file = data["content", "name"]?.string ?? "file"
                event.attachments.append(Attachment(name: file, contentType: data["content", "type"]?.string ?? "application/octet-stream", url: url))
                turns.append(ChatTurn(role: role, name: name, at: at, text: "[file] \(file)"))
            }
        default:
            if let text = data["content"]?.scalarText { turns.append(ChatTurn(role: role, name: name, at: at, text: text)) }
        }
        let email = data["email"]?.string ?? data["user", "email"]?.string
        let participant = ChatParticipant(id: data["user", "user_id"]?.scalarText, role: role, name: name, email: role == .customer ? email : nil)
        let transcript = ChatTranscript(conversationID: data["session_id"]?.scalarText, participants: [participant], turns: turns)
        ChatEventBuilder.fill(&event, with: transcript, providerEventID: data["fingerprint"]?.scalarText)
        if role == .customer, transcript.customer?.email == nil, let email, EmailAddress.isPlausible(email) {
            event.sender.email = email
        }
    }
}
