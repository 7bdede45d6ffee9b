import Foundation

/// One submitted field of a form, in the order the provider sent it.
package struct FormField: Sendable, Codable, Equatable {
    /// The field's stable key: the payload key, or a provider's field reference.
    package var name: String
    package var value: String
    /// The question as the form shows it, when the provider sends it.
    package var label: String?
    /// The provider's field type, such as `email` or `INPUT_TEXT`.
    package var type: String?

    package init(name: String, value: String, label: String? = nil, type: String? = nil) {
        self.name = name
        self.value = value
        self.label = label
        self.type = type
    }
}

extension [FormField] {
    /// The value of the first field whose name is `key`, or else whose label is `key` (ignoring case).
    package func value(named key: String) -> String? {
        field(named: key)?.value
    }

    /// The first field whose name is `key`, or else whose label is `key` (ignoring case).
    package func field(named key: String) -> FormField? {
        first { $0.name == key } ?? first { $0.label?.caseInsensitiveCompare(key) == .orderedSame }
    }
}

extension FormField {
    /// `Label: value` (or `name: value` when the field has no label), as tickets show submitted fields.
    package var line: String {
        "\(label ?? name): \(value)"
    }
}
