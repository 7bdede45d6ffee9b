import Foundation
import TicketGateCore

/// Builds the Omnidesk API requests of seed 003: both are `multipart/form-data` with the key in an `apiKey`
/// header.
struct OmnideskRequests: Sendable {
    /// The shortest `message` `POST /api/v2/message` accepts.
    static let minimumMessageLength = 5

    let builder: RequestBuilder
    let settings: OmnideskSettings

    init(destination: DestinationDefinition) {
        builder = RequestBuilder(
            baseURL: destination.baseURL,
            commonHeaders: [
                ("apiKey", destination.credential?.value ?? ""),
                ("Accept", "application/json"),
                ("User-Agent", "ticketgate"),
            ],
            credentialHeaders: ["apikey"]
        )
        settings = OmnideskSettings(destination)
    }

    /// `POST /api/v2/message/chatbot`: a new ticket with its first message (`brandID`, `subject`, `from`, `message`).
    func chatbot(brand: Int, from: String, draft: TicketDraft) -> VendorRequest {
        var form = MultipartForm()
        form.add("brandID", String(brand))
        form.add("subject", draft.subject)
        form.add("from", from)
        form.add("message", draft.message)
        return builder.postMultipart("/api/v2/message/chatbot", form)
    }

    /// `POST /api/v2/message`: a message on ticket `ticketID` (`type`, `message`, and `userID`, `submitStatus`
    /// and `sendAt` when known). `message` must already be long enough.
    func message(ticketID: String, text: String, draft: TicketDraft) -> VendorRequest {
        var form = MultipartForm()
        form.add("ticketID", ticketID)
        form.add("type", settings.messageType)
        form.add("message", text)
        if let userID = settings.userID { form.add("userID", String(userID)) }
        if let status = draft.status { form.add("submitStatus", status) }
        if let sendAt = sendAt(draft.writtenAt) { form.add("sendAt", sendAt) }
        return builder.postMultipart("/api/v2/message", form)
    }

    /// Who a new conversation is from: the sender's address, else their name.
    static func from(_ draft: TicketDraft) -> String? {
        [draft.requester.email, draft.requester.name].compactMap { $0?.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
    }

    /// The message made long enough for Omnidesk: as it is, or after the subject when it is shorter than the
    /// minimum; `nil` when even that is too short.
    static func messageText(_ draft: TicketDraft) -> String? {
        let text = draft.message.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.count >= minimumMessageLength { return draft.message }
        let subject = draft.subject.trimmingCharacters(in: .whitespacesAndNewlines)
        let combined = [subject, text].filter { !$0.isEmpty }.joined(separator: "\n\n")
        return combined.count >= minimumMessageLength ? combined : nil
    }

    /// `writtenAt` as Omnidesk's `YYYY-MM-DD HH:MM:SS` in the account's time zone, when one is configured.
    func sendAt(_ writtenAt: Date?) -> String? {
        guard let writtenAt, let name = settings.timeZone, let zone = TimeZone(identifier: name) else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: writtenAt)
    }
}
