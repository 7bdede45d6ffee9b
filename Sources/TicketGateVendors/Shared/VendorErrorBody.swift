import Foundation
import TicketGateCore

/// Pulls a person-readable message out of a vendor's error body.
enum VendorErrorBody {
    /// The longest excerpt of a body kept in the audit.
    static let excerptLimit = 2000

    /// The words of a JSON error body: its first of `message`, `detail`, `error_human` and `error` (or that
    /// object's `message` or `title`), then a `description` that says more, then each field's problem from
    /// `errors` (Laravel's object of lists, or a list of `{field, message}`) and `details` (a map of lists of
    /// `{description}`); else the start of the text.
    static func message(from body: Data) -> String? {
        if let json = try? JSONDecoder().decode(JSONValue.self, from: body) {
            var parts: [String] = []
            for key in ["message", "detail", "error_human", "error"] {
                if let text = json[key]?.scalarText ?? json[key, "message"]?.scalarText ?? json[key, "title"]?.scalarText, !text.isEmpty {
                    parts.append(text)
                    break
                }
            }
            if let description = json["description"]?.scalarText, !description.isEmpty, !parts.contains(description) {
                parts.append(description)
            }
            for key in ["errors", "details"] {
                switch json[key] {
                case .object(let fields)?:
                    parts += fields.keys.sorted().map { field in "\(field): \(describe(fields[field]))" }
                case .array(let items)?:
                    parts += items.map { item in [item["field"]?.scalarText, describe(item)].compactMap { $0 }.joined(separator: ": ") }
                default:
                    break
                }
            }
            if !parts.isEmpty { return parts.joined(separator: "; ") }
        }
        return excerpt(of: body, limit: 300)
    }

    static func excerpt(of body: Data, limit: Int = excerptLimit) -> String? {
        let text = String(decoding: body.prefix(limit), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    private static func describe(_ value: JSONValue?) -> String {
        switch value {
        case .array(let items)?: items.map { describe($0) }.joined(separator: " ")
        case .object?: value?["message"]?.scalarText ?? value?["description"]?.scalarText ?? "invalid"
        case let value?: value.scalarText ?? "invalid"
        case nil: "invalid"
        }
    }
}
