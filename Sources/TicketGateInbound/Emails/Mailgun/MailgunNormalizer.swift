import Foundation
import TicketGateCore

/// `kind: email, format: mailgun`: a Route's `forward()` or `store(notify=…)` post, urlencoded or multipart.
/// The text is the reply without its quote (`stripped-text`); thread keys come from `message-headers`; posted
/// files (`attachment-N`) and stored ones (`attachments` URLs) both become attachments.
struct MailgunNormalizer: EventNormalizer {
    var mediaTypes: [MediaKind] { [.urlEncoded, .multipart] }

    func normalize(_ payload: Payload, request: InboundRequest, into event: inout InboundEvent) throws(InboundError) {
        let form = try payload.form(for: "Mailgun")
        guard form.text("from") != nil || form.text("sender") != nil || form.text("body-plain") != nil else {
            throw InboundError(.malformedBody, "a Mailgun post needs from, sender or body-plain")
        }
        let headers = try Self.headers(form)
        let from = form.text("from").flatMap(EmailAddress.parse) ?? form.text("sender").flatMap(EmailAddress.parse)
        event.sender = Party(email: from?.email, name: from?.name)
        event.recipient = form.text("recipient")
        event.subject = form.text("subject") ?? headers["Subject"]
        (event.text, event.fullText) = EmailText.bodies(stripped: form.text("stripped-text"), full: form.text("body-plain"))
        event.html = EmailText.nonBlank(form.text("stripped-html")) ?? EmailText.nonBlank(form.text("body-html"))
        event.thread = headers.threadKeys
        event.cc = headers.cc
        event.signals = headers.signals
        event.providerEventID = event.thread.messageID
        event.occurredAt = form.text("timestamp").flatMap { TimeValue.date(.string($0)) }
        event.attachments = try Self.attachments(form)
    }

    /// `message-headers` (a JSON list of `[name, value]` pairs); without it, the headers Mailgun also posts as fields.
    private static func headers(_ form: FormData) throws(InboundError) -> MailHeaders {
        guard let raw = form.text("message-headers") else {
            return MailHeaders(pairs: form.fields.map { ($0.name, $0.value) })
        }
        guard let pairs = try PayloadParser.json(Data(raw.utf8)).array else {
            throw InboundError(.malformedBody, "Mailgun's message-headers must be a JSON list")
        }
        return MailHeaders(
            pairs: pairs.compactMap { pair in
                guard let items = pair.array, items.count == 2, let name = items[0].string, let value = items[1].string else { return nil }
                return (name, value)
            }
        )
    }

    private static func attachments(_ form: FormData) throws(InboundError) -> [Attachment] {
        var inline: [String: String] = [:]
        if let map = form.text("content-id-map"), let object = try PayloadParser.json(Data(map.utf8)).object {
            for (contentID, part) in object {
                if let part = part.string { inline[part] = MailHeaders.messageIDs(in: contentID).first ?? contentID }
            }
        }
        var attachments = form.files.filter { $0.name.hasPrefix("attachment") }.map { part in
            Attachment(
                name: part.filename ?? part.name, contentType: part.contentType ?? "application/octet-stream",
                contentID: inline[part.name], inline: inline[part.name] != nil, data: part.data
            )
        }
        if let stored = form.text("attachments"), let list = try PayloadParser.json(Data(stored.utf8)).array {
            for item in list {
                guard let url = item["url"]?.string else { continue }
                attachments.append(
                    Attachment(
                        name: item["name"]?.string ?? "attachment", contentType: item["content-type"]?.string ?? "application/octet-stream",
                        size: item["size"]?.count, url: url
                    )
                )
            }
        }
        return attachments
    }
}
