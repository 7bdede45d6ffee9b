import Foundation
import TicketGateCore

/// `kind: email, format: sendgrid`: an Inbound Parse post (always multipart). Fields are decoded with the
/// charsets SendGrid lists in `charsets`; thread keys are parsed out of the raw `headers` block; files
/// (`attachment1`, …) are described by `attachment-info`.
struct SendGridNormalizer: EventNormalizer {
    var mediaTypes: [MediaKind] { [.multipart] }

    func normalize(_ payload: Payload, request: InboundRequest, into event: inout InboundEvent) throws(InboundError) {
        let form = try payload.form(for: "SendGrid")
        let charsets = try Self.object(form, "charsets")?.compactMapValues(\.string) ?? [:]
        func text(_ name: String) -> String? {
            guard let part = form.field(name) else { return nil }
            return CharsetDecoder.decode(part.data, charset: charsets[name] ?? part.charset)
        }
        guard text("from") != nil || text("text") != nil || text("html") != nil else {
            throw InboundError(.malformedBody, "a SendGrid Inbound Parse post needs from, text or html")
        }
        let headers = MailHeaders(block: text("headers") ?? "")
        let envelope = try Self.object(form, "envelope")
        let from = text("from").flatMap(EmailAddress.parse) ?? envelope?["from"]?.string.flatMap(EmailAddress.parse)
        event.sender = Party(email: from?.email, name: from?.name)
        event.recipient = envelope?["to"]?.array?.first?.string ?? text("to").flatMap { EmailAddress.parseList($0).first?.email }
        event.subject = text("subject")
        event.text = EmailText.nonBlank(text("text"))
        event.html = EmailText.nonBlank(text("html"))
        event.thread = headers.threadKeys
        event.cc = headers.cc
        event.providerEventID = event.thread.messageID
        event.signals =
            SpamSignals(
                score: text("spam_score").flatMap { Double($0.trimmingCharacters(in: .whitespaces)) },
                verdict: headers.signals?.verdict,
                spf: text("SPF"),
                dkim: text("dkim")
            ).nonEmpty
        let info = try Self.object(form, "attachment-info") ?? [:]
        event.attachments = form.files.map { part in
            let described = info[part.name]
            let contentID = described?["content-id"]?.string
            return Attachment(
                name: described?["filename"]?.string ?? part.filename ?? part.name,
                contentType: described?["type"]?.string ?? part.contentType ?? "application/octet-stream",
                contentID: contentID, inline: contentID != nil, data: part.data
            )
        }
    }

    /// A field holding a JSON object, such as `envelope` or `charsets`.
    private static func object(_ form: FormData, _ name: String) throws(InboundError) -> [String: JSONValue]? {
        guard let raw = form.text(name) else { return nil }
        guard let object = try PayloadParser.json(Data(raw.utf8)).object else {
            throw InboundError(.malformedBody, "SendGrid's \(name) must be a JSON object")
        }
        return object
    }
}
