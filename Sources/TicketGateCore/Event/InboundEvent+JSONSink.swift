extension InboundEvent: JSONSinkWritable {
    /// Every accepted event is stored as JSON: written member by member, as its synthesized `Encodable`
    /// conformance writes it, which cost a generic container per member.
    func write(to sink: JSONSink) throws {
        var object = JSONObjectWriter(sink)
        object.string("id", id.rawValue)
        object.string("source", source)
        object.string("kind", kind.rawValue)
        object.string("format", format)
        try object.date("receivedAt", receivedAt)
        try object.date("occurredAt", ifPresent: occurredAt)
        object.string("providerEventID", ifPresent: providerEventID)
        try object.writable("sender", sender)
        object.string("recipient", ifPresent: recipient)
        object.string("subject", ifPresent: subject)
        object.string("text", ifPresent: text)
        object.string("fullText", ifPresent: fullText)
        object.string("html", ifPresent: html)
        object.objects("fields", fields) { member, field in
            member.string("name", field.name)
            member.string("value", field.value)
            member.string("label", ifPresent: field.label)
            member.string("type", ifPresent: field.type)
        }
        object.strings("headers", headers)
        object.string("clientIP", ifPresent: clientIP)
        object.object("thread") { keys in
            keys.string("messageID", ifPresent: thread.messageID)
            keys.string("inReplyTo", ifPresent: thread.inReplyTo)
            keys.strings("references", thread.references)
            keys.string("conversationID", ifPresent: thread.conversationID)
        }
        object.strings("cc", ifPresent: cc)
        try object.value("transcript", ifPresent: transcript)
        try object.value("attachments", attachments)
        try object.value("signals", ifPresent: signals)
        object.close()
    }
}
