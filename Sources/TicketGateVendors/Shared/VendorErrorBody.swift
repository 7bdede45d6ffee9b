import Foundation
import TicketGateCore

/// Pulls a person-readable message out of a vendor's error body.
enum VendorErrorBody {
    /// The longest excerpt of a body kept in the audit.
    static let excerptLimit = 2000

    /// `message` (with Laravel-style `errors`), `detail` or `error` from a JSON body; else the start of the text.
    static func message(from body: Data) -> String? {
        if let json = try? JSONDecoder().decode(JSONValue.self, from: body) {
            var parts: [String] = []
            for key in ["message", "detail", "error"] {
                if let text = json[key]?.scalarText, !text.isEmpty {
                    parts.append(text)
                    break
                }
            }
            if case .object(let errors)? = json["errors"] {
                parts += errors.keys.sorted().map { field in "\(field): \(describe(errors[field]))" }
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
        case .array(let items)?: items.compactMap(\.scalarText).joined(separator: " ")
        case let value?: value.scalarText ?? "invalid"
        case nil: "invalid"
        }
    }
}
