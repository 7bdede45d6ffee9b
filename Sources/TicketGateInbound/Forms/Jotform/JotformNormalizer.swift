import Foundation
import TicketGateCore

/// `kind: form, format: jotform`: Jotform's multipart webhook. The answers are in `rawRequest`, a JSON object
/// keyed `q<N>_<name>`; compound answers such as names (`first`, `last`) are joined; upload URLs are
/// attachments to fetch from Jotform.
struct JotformNormalizer: EventNormalizer {
    var mediaTypes: [MediaKind] { [.multipart, .urlEncoded] }

    func normalize(_ payload: Payload, request: InboundRequest, into event: inout InboundEvent) throws(InboundError) {
        let form = try payload.form(for: "Jotform")
        guard let raw = form.text("rawRequest") else {
            throw InboundError(.malformedBody, "a Jotform payload needs the rawRequest field")
        }
        guard case .object(let answers) = try PayloadParser.json(Data(raw.utf8)) else {
            throw InboundError(.malformedBody, "Jotform's rawRequest must be a JSON object")
        }
        var fields: [FormField] = []
        for key in answers.keys.sorted(by: Self.questionOrder) {
            guard let name = Self.questionName(key), let value = answers[key], let text = Self.text(of: value), !text.isEmpty else { continue }
            fields.append(FormField(name: name, value: text))
            for url in (value.array ?? [value]).compactMap(\.string) where url.hasPrefix("https://") && url.contains("/uploads/") {
                event.attachments.append(
                    Attachment(name: URL(string: url)?.lastPathComponent ?? "upload", contentType: "application/octet-stream", url: url))
            }
        }
        event.fields = fields
        event.providerEventID = form.text("submissionID")
        event.subject = form.text("formTitle")
        event.sender = Party(email: FormAnswers.email(in: fields), name: FormAnswers.name(in: fields))
        event.text = FormAnswers.message(in: fields) ?? FormAnswers.rendered(fields)
    }

    /// `q3_name` → `name`; keys that are not questions (`slug`, `event_id`, …) → `nil`.
    static func questionName(_ key: String) -> String? {
        guard key.hasPrefix("q"), let underscore = key.firstIndex(of: "_"), key[key.index(after: key.startIndex)..<underscore].allSatisfy(\.isNumber),
            underscore > key.index(after: key.startIndex)
        else { return nil }
        let name = key[key.index(after: underscore)...]
        return name.isEmpty ? nil : String(name)
    }

    /// Questions in form order: by the number after `q`.
    static func questionOrder(_ lhs: String, _ rhs: String) -> Bool {
        func number(_ key: String) -> Int { Int(key.dropFirst().prefix { $0.isNumber }) ?? .max }
        return (number(lhs), lhs) < (number(rhs), rhs)
    }

    /// A compound answer's parts joined in a readable order: `first last`, `area phone`, or values by key.
    static func text(of value: JSONValue) -> String? {
        switch value {
        case .object(let parts):
            let preferred = [
                "prefix", "first", "middle", "last", "suffix", "area", "phone", "addr_line1", "addr_line2", "city", "state", "postal", "country",
            ]
            let ordered = preferred.filter { parts[$0] != nil } + parts.keys.sorted().filter { !preferred.contains($0) }
            let texts = ordered.compactMap { parts[$0]?.scalarText }.filter { !$0.isEmpty }
            return texts.isEmpty ? nil : texts.joined(separator: " ")
        case .array(let items):
            let texts = items.compactMap(\.scalarText)
            return texts.isEmpty ? nil : texts.joined(separator: ", ")
        default:
            return value.scalarText
        }
    }
}
