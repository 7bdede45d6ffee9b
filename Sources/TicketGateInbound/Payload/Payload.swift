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

    let parts: [Part]
    /// The position of the first field (not file) of each name, and of each lowercased name: a form of a
    /// million fields is indexed once, not searched once per lookup.
    private let firstField: [String: Int]
    private let firstFieldIgnoringCase: [String: Int]

    init(parts: [Part]) {
        self.parts = parts
        var firstField: [String: Int] = [:]
        var firstFieldIgnoringCase: [String: Int] = [:]
        firstField.reserveCapacity(parts.count)
        firstFieldIgnoringCase.reserveCapacity(parts.count)
        for (position, part) in parts.enumerated() where !part.isFile {
            if firstField[part.name] == nil { firstField[part.name] = position }
            let lowercased = part.name.lowercased()
            if firstFieldIgnoringCase[lowercased] == nil { firstFieldIgnoringCase[lowercased] = position }
        }
        self.firstField = firstField
        self.firstFieldIgnoringCase = firstFieldIgnoringCase
    }

    /// The first field (not file) called exactly `name`.
    func field(_ name: String) -> Part? {
        firstField[name].map { parts[$0] }
    }

    /// The text of the first field called `name` (exact, then ignoring case).
    func text(_ name: String) -> String? {
        (firstField[name] ?? firstFieldIgnoringCase[name.lowercased()]).map { parts[$0].text }
    }

    /// The text fields in order; repeated names are joined with ", ".
    var fields: [FormField] {
        var fields: [FormField] = []
        var positions: [String: Int] = [:]
        fields.reserveCapacity(parts.count)
        positions.reserveCapacity(parts.count)
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
