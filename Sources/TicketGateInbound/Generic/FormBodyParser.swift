import Foundation
import TicketGateCore

/// Reads a form body, JSON or `application/x-www-form-urlencoded`, into ordered fields.
///
/// Nested JSON objects become dotted names (`contact.email`); lists of values are joined with ", ".
enum FormBodyParser {
    static func fields(from request: InboundRequest) throws(InboundError) -> [FormField] {
        let mediaType = MediaType(contentType: request.contentType)
        if mediaType.isJSON {
            return try jsonFields(request.body)
        }
        if mediaType.isURLEncodedForm {
            return try urlEncodedFields(request.body)
        }
        let received = mediaType.essence.isEmpty ? "a request without Content-Type" : mediaType.essence
        throw InboundError(.unsupportedMediaType, "this source accepts application/json and application/x-www-form-urlencoded, not \(received)")
    }

    private static func jsonFields(_ body: Data) throws(InboundError) -> [FormField] {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: body)
        } catch {
            throw InboundError(.malformedBody, "the body is not valid JSON")
        }
        guard case .object = value else {
            throw InboundError(.malformedBody, "the body must be a JSON object of form fields")
        }
        var fields: [FormField] = []
        flatten(value, name: "", into: &fields)
        return fields
    }

    private static func flatten(_ value: JSONValue, name: String, into fields: inout [FormField]) {
        switch value {
        case .null:
            return
        case .object(let object):
            for key in object.keys.sorted() {
                flatten(object[key] ?? .null, name: name.isEmpty ? key : "\(name).\(key)", into: &fields)
            }
        case .array(let items):
            let texts = items.compactMap(\.scalarText)
            if texts.count == items.count {
                fields.append(FormField(name: name, value: texts.joined(separator: ", ")))
            } else {
                for (index, item) in items.enumerated() {
                    flatten(item, name: "\(name).\(index)", into: &fields)
                }
            }
        case .bool, .int, .double, .string:
            fields.append(FormField(name: name, value: value.scalarText ?? ""))
        }
    }

    /// Splits `name=value&…` pairs and percent-decodes each part (`+` is a space). A broken escape such as
    /// `%zz`, or bytes that are not UTF-8 once decoded, make the whole body malformed.
    private static func urlEncodedFields(_ body: Data) throws(InboundError) -> [FormField] {
        guard let text = String(data: body, encoding: .utf8) else {
            throw InboundError(.malformedBody, "the form body is not UTF-8 text")
        }
        var fields: [FormField] = []
        var positions: [String: Int] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decoded(parts[0]), let value = decoded(parts.count > 1 ? parts[1] : "") else {
                throw InboundError(.malformedBody, "the body is not valid application/x-www-form-urlencoded: a field has a broken %-escape")
            }
            guard !name.isEmpty else { continue }
            if let position = positions[name] {
                fields[position].value += ", " + value
            } else {
                positions[name] = fields.count
                fields.append(FormField(name: name, value: value))
            }
        }
        return fields
    }

    private static func decoded(_ part: Substring) -> String? {
        part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
