import TicketGateCore

/// Flattens a JSON object into form fields: nested objects become dotted names (`contact.email`), lists of
/// values are joined with ", ", `null` is left out.
enum JSONFields {
    static func flatten(_ value: JSONValue) -> [FormField] {
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
}
