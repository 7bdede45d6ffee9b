import TicketGateCore

/// Turns an event and the settings the rules chose into the ticket to create.
enum DraftBuilder {
    /// The draft; a ticket reference captured by a pattern draws on the decision's `budget`.
    static func draft(for event: InboundEvent, settings: RuleSettings, destination: String, budget: PatternBudget) -> TicketDraft {
        let defaultMessage = message(for: event)
        let needsContext =
            settings.subject != nil || settings.message != nil
            || settings.vendorSettings.values.contains { if case .template = $0 { true } else { false } }
        let context = needsContext ? TemplateContext.make(for: event, message: defaultMessage) : [:]
        let subject = settings.subject.map { $0.render(context).trimmed }.flatMap { $0.isEmpty ? nil : $0 } ?? self.subject(for: event)
        var draft = TicketDraft(
            destination: destination,
            requester: event.sender,
            subject: subject,
            message: settings.message.map { $0.render(context) } ?? defaultMessage,
            tags: settings.tags,
            staffOnly: settings.staffOnly ?? false,
            note: settings.note,
            metadata: settings.metadata ?? [],
            brand: settings.brand,
            status: settings.status,
            nextAction: settings.nextAction,
            replyTo: settings.replyTo?.resolve(in: event, budget: budget),
            order: settings.order?.resolve(in: event, budget: budget),
            cc: event.cc,
            writtenAt: event.occurredAt ?? event.receivedAt,
            fallback: settings.fallback == destination ? nil : settings.fallback,
            vendorSettings: settings.vendorSettings.isEmpty
                ? nil
                : settings.vendorSettings.mapValues { setting in
                    switch setting {
                    case .value(let value): value
                    case .template(let template): .text(template.render(context))
                    }
                }
        )
        switch settings.assignee {
        case .fixed(let id): draft.assignee = id
        case .rotation(let rotation): draft.assigneeRotation = rotation
        case nil: break
        }
        return draft
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
            let shown = [event.sender.email, event.sender.name, event.subject, text].compactMap { $0?.trimmed }
            var extra: [String] = []
            for field in event.fields where !field.value.isEmpty && !shown.contains(field.value.trimmed) {
                let line = field.line
                if !ByteSearch.contains(text, line) { extra.append(line) }
            }
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
    /// The string without white space at either end; the string itself, uncopied, when it has none.
    var trimmed: String {
        if let first = utf8.first, let last = utf8.last, !Self.mayBeSpace(first), !Self.mayBeSpace(last) { return self }
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        while start < end, scalars[scalars.index(before: end)].properties.isWhitespace { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }

    /// False for bytes that cannot begin or end a white-space character in UTF-8.
    private static func mayBeSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte) || byte >= 0x80
    }
}
