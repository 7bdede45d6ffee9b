import Foundation
import TicketGateCore

/// `kind: email, format: postmark`: an inbound webhook (JSON). The text is `StrippedTextReply` when Postmark
/// found a reply, the thread keys come from `Headers`, and attachments arrive base64-encoded.
struct PostmarkNormalizer: EventNormalizer {
    var mediaTypes: [MediaKind] { [.json] }

    func normalize(_ payload: Payload, request: InboundRequest, into event: inout InboundEvent) throws(InboundError) {
        let value = try payload.json(for: "Postmark")
        guard value.object != nil, value["From"] != nil || value["FromFull"] != nil || value["TextBody"] != nil else {
            throw InboundError(.malformedBody, "a Postmark inbound webhook needs From, FromFull or TextBody")
        }
        let headers = MailHeaders(
            pairs: (value["Headers"]?.array ?? []).compactMap { header in
                guard let name = header["Name"]?.string, let text = header["Value"]?.string else { return nil }
                return (name, text)
            }
        )
        let from = value["From"]?.string.flatMap(EmailAddress.parse)
        event.sender = Party(
            email: value["FromFull", "Email"]?.string ?? from?.email,
            name: EmailText.nonBlank(value["FromFull", "Name"]?.string ?? value["FromName"]?.string) ?? from?.name)
        event.recipient = EmailText.nonBlank(value["OriginalRecipient"]?.string) ?? value["ToFull"]?.array?.first?["Email"]?.string
        event.subject = value["Subject"]?.string
        (event.text, event.fullText) = EmailText.bodies(stripped: value["StrippedTextReply"]?.string, full: value["TextBody"]?.string)
        event.html = EmailText.nonBlank(value["HtmlBody"]?.string)
        event.thread = headers.threadKeys
        let copied = (value["CcFull"]?.array ?? []).compactMap { $0["Email"]?.string }
        event.cc = copied.isEmpty ? headers.cc : copied
        event.signals = headers.signals
        event.providerEventID = value["MessageID"]?.scalarText
        event.attachments = try (value["Attachments"]?.array ?? []).map(Self.attachment)
    }

    private static func attachment(_ item: JSONValue) throws(InboundError) -> Attachment {
        guard let content = item["Content"]?.string, let data = Data(base64Encoded: content) else {
            throw InboundError(.malformedBody, "a Postmark attachment's Content is not base64")
        }
        let contentID = EmailText.nonBlank(item["ContentID"]?.string)
        return Attachment(
            name: item["Name"]?.string ?? "attachment", contentType: item["ContentType"]?.string ?? "application/octet-stream",
            contentID: contentID, inline: contentID != nil, data: Array(data)
        )
    }
}
