import Foundation
import TicketGateCore

/// `kind: form, format: typeform`: a `form_response` webhook. Answers are joined to the form definition for
/// their questions; the sender is the first email answer; the subject is the form's title; file uploads are
/// attachments to fetch from Typeform.
struct TypeformNormalizer: EventNormalizer {
    var mediaTypes: [MediaKind] { [.json] }

    func normalize(_ payload: Payload, request: InboundRequest, into event: inout InboundEvent) throws(InboundError) {
        let value = try payload.json(for: "Typeform")
        guard let response = value["form_response"], let answers = response["answers"]?.array else {
            throw InboundError(.malformedBody, "a Typeform payload needs form_response.answers")
        }
        var questions: [String: (title: String?, ref: String?)] = [:]
        for field in response["definition", "fields"]?.array ?? [] {
            if let id = field["id"]?.scalarText { questions[id] = (field["title"]?.string, field["ref"]?.string) }
        }
        var fields: [FormField] = []
        for answer in answers {
            guard let type = answer["type"]?.string, let text = Self.text(of: answer, type: type) else { continue }
            let id = answer["field", "id"]?.scalarText ?? ""
            let question = questions[id]
            let name = answer["field", "ref"]?.string ?? question?.ref ?? id
            fields.append(FormField(name: name, value: text, label: question?.title, type: type))
            if type == "file_url", let url = answer["file_url"]?.string {
                event.attachments.append(
                    Attachment(name: URL(string: url)?.lastPathComponent ?? "upload", contentType: "application/octet-stream", url: url))
            }
        }
        for (key, hidden) in (response["hidden"]?.object ?? [:]).sorted(by: { $0.key < $1.key }) {
            if let text = hidden.scalarText { fields.append(FormField(name: "hidden.\(key)", value: text, type: "hidden")) }
        }
        event.fields = fields
        event.providerEventID = value["event_id"]?.scalarText ?? response["token"]?.scalarText
        event.occurredAt = TimeValue.date(response["submitted_at"])
        event.subject = response["definition", "title"]?.string
        event.sender = Party(
            email: FormAnswers.email(in: fields),
            name: response["hidden", "name"]?.string ?? FormAnswers.name(in: fields)
        )
        event.text = FormAnswers.message(in: fields) ?? FormAnswers.rendered(fields.filter { $0.type != "hidden" })
    }

    /// An answer's value: its key is its type (`text`, `email`, `choice`, …).
    static func text(of answer: JSONValue, type: String) -> String? {
        switch type {
        case "choice":
            return answer["choice", "label"]?.string ?? answer["choice", "other"]?.string
        case "choices":
            let labels = (answer["choices", "labels"]?.array ?? []).compactMap(\.string) + [answer["choices", "other"]?.string].compactMap { $0 }
            return labels.isEmpty ? nil : labels.joined(separator: ", ")
        case "boolean":
            return answer["boolean"].map { $0 == .bool(true) ? "yes" : "no" }
        case "payment":
            return answer["payment", "amount"]?.scalarText
        default:
            return answer[type]?.scalarText
        }
    }
}
