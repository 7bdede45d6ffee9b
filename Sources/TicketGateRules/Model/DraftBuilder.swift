import TicketGateCore

/// Turns an event and the settings the rules chose into the ticket to create.
enum DraftBuilder {
    static func draft(for event: InboundEvent, settings: RuleSettings, destination: String) -> TicketDraft {
        TicketDraft(
            destination: destination,
            requester: event.sender,
            subject: subject(for: event),
            message: message(for: event),
            tags: settings.tags,
            assignee: settings.assignee,
            staffOnly: settings.staffOnly ?? false,
            note: settings.note,
            metadata: settings.metadata ?? []
        )
    }

    /// The event's subject, or "Chat with <customer>" / "Message from <sender>" when it has none.
    static func subject(for event: InboundEvent) -> String {
        if let subject = event.subject?.trimmed, !subject.isEmpty { return subject }
        let who = event.sender.name ?? event.sender.email ?? event.source
        return event.kind == .chat ? "Chat with \(who)" : "Message from \(who)"
    }

    /// The first message: a chat's transcript, or the text followed by the submitted fields it does not already
    /// show (leaving out the sender, subject and text themselves), then the files that came with the event.
    static func message(for event: InboundEvent) -> String {
        var sections: [String] = []
        if let transcript = event.transcript, !transcript.turns.isEmpty {
            sections.append(transcript.renderedText)
        } else {
            let text = event.text?.trimmed ?? ""
            if !text.isEmpty { sections.append(text) }
            let shown: Set<String> = Set([event.sender.email, event.sender.name, event.subject, event.text].compactMap { $0?.trimmed })
            let extra = event.fields
                .filter { !$0.value.isEmpty && !shown.contains($0.value.trimmed) && !text.contains($0.line) }
                .map(\.line)
            if !extra.isEmpty { sections.append(extra.joined(separator: "\n")) }
        }
        if !event.attachments.isEmpty {
            let files = event.attachments.map { file in "- \(file.name)" + (file.url.map { " (\($0))" } ?? "") }
            sections.append("Attachments:\n" + files.joined(separator: "\n"))
        }
        return sections.isEmpty ? "(no message)" : sections.joined(separator: "\n\n--\n")
    }
}

extension String {
    var trimmed: String {
        var slice = self[...]
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
