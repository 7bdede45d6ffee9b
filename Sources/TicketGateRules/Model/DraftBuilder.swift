import TicketGateCore

/// Turns an event and the settings the rules chose into the ticket to create.
enum DraftBuilder {
    static func draft(for event: InboundEvent, settings: RuleSettings, destination: String, mappedFields: Set<String>) -> TicketDraft {
        TicketDraft(
            destination: destination,
            requester: event.sender,
            subject: subject(for: event),
            message: message(for: event, mappedFields: mappedFields),
            tags: settings.tags,
            assignee: settings.assignee,
            staffOnly: settings.staffOnly ?? false,
            note: settings.note,
            metadata: settings.metadata ?? []
        )
    }

    /// The event's subject, or "Message from <sender>" when it has none.
    static func subject(for event: InboundEvent) -> String {
        if let subject = event.subject?.trimmed, !subject.isEmpty { return subject }
        return "Message from \(event.sender.name ?? event.sender.email ?? event.source)"
    }

    /// The message text followed by every submitted field the source did not map, one per line.
    static func message(for event: InboundEvent, mappedFields: Set<String>) -> String {
        let text = event.text?.trimmed ?? ""
        let extra = event.fields
            .filter { !mappedFields.contains($0.name) && !$0.value.isEmpty }
            .map { "\($0.name): \($0.value)" }
        switch (text.isEmpty, extra.isEmpty) {
        case (false, true): return text
        case (false, false): return text + "\n\n--\n" + extra.joined(separator: "\n")
        case (true, false): return extra.joined(separator: "\n")
        case (true, true): return "(no message)"
        }
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
