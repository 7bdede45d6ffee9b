extension TicketDraft: JSONSinkWritable {
    /// Stored twice for every delivered event, in its decision and in its outbox row: written member by
    /// member, as its synthesized `Encodable` conformance writes it.
    func write(to sink: JSONSink) throws {
        var object = JSONObjectWriter(sink)
        object.string("destination", destination)
        try object.writable("requester", requester)
        object.string("subject", subject)
        object.string("message", message)
        object.strings("tags", tags)
        object.integer("assignee", ifPresent: assignee)
        try object.value("assigneeRotation", ifPresent: assigneeRotation)
        object.bool("staffOnly", staffOnly)
        object.string("note", ifPresent: note)
        object.strings("metadata", metadata)
        object.integer("brand", ifPresent: brand)
        object.string("status", ifPresent: status)
        object.string("nextAction", ifPresent: nextAction)
        object.string("replyTo", ifPresent: replyTo)
        object.string("order", ifPresent: order)
        object.strings("cc", ifPresent: cc)
        try object.date("writtenAt", ifPresent: writtenAt)
        object.string("fallback", ifPresent: fallback)
        object.close()
    }
}
