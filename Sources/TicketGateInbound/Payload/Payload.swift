import Foundation
import TicketGateCore

/// A parsed request body.
enum Payload: Sendable {
    case json(JSONValue)
    case form(FormData)

    /// The JSON value, or `malformedBody` when the body was a form.
    func json(for format: String) throws(InboundError) -> JSONValue {
        guard case .json(let value) = self else {
            throw InboundError(.malformedBody, "\(format) payloads are JSON")
        }
        return value
    }

    /// The form, or `malformedBody` when the body was JSON.
    func form(for format: String) throws(InboundError) -> FormData {
        guard case .form(let form) = self else {
            throw InboundError(.malformedBody, "\(format) payloads are forms")
        }
        return form
    }
}

/// The parts of a urlencoded or multipart form, in the order they were posted.
struct FormData: Sendable {
    /// One part: a field's value, or a file with its name and type.
    struct Part: Sendable {
        var name: String
        var data: [UInt8]
        var filename: String?
        var contentType: String?
        /// The charset the part declared, if any.
        var charset: String?

        var isFile: Bool { filename != nil }

        /// The part's text, decoded with its declared charset (UTF-8 when it declares none).
        var text: String { CharsetDecoder.decode(data, charset: charset) }
    }

    var parts: [Part]

    /// The text of the first field called `name` (exact, then ignoring case).
    func text(_ name: String) -> String? {
        let field =
            parts.first { !$0.isFile && $0.name == name }
            ?? parts.first { !$0.isFile && $0.name.caseInsensitiveCompare(name) == .orderedSame }
        return field?.text
    }

    /// The text fields in order; repeated names are joined with ", ".
    var fields: [FormField] {
        var fields: [FormField] = []
        var positions: [String: Int] = [:]
        for part in parts where !part.isFile && !part.name.isEmpty {
            if let position = positions[part.name] {
                fields[position].value += ", " + part.text
            } else {
                positions[part.name] = fields.count
                fields.append(FormField(name: part.name, value: part.text))
            }
        }
        return fields
    }

    var files: [Part] { parts.filter(\.isFile) }
}
