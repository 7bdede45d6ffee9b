import Foundation
import TicketGateCore

/// Applies a source's `fields:` map: each entry names the field that holds the sender's email or name, the
/// subject or the message, overriding what the format chose when that field is present and not blank.
enum FieldMapping {
    static func apply(_ map: FieldMap, to event: inout InboundEvent) throws(InboundError) {
        if let name = map.email, let email = value(name, in: event.fields) {
            guard EmailAddress.isPlausible(email) else {
                throw InboundError(.invalidField, "field '\(name)' is not an email address")
            }
            event.sender.email = email
        }
        if let name = map.name, let value = value(name, in: event.fields) { event.sender.name = value }
        if let name = map.subject, let value = value(name, in: event.fields) { event.subject = value }
        if let name = map.message, let value = value(name, in: event.fields) { event.text = value }
    }

    /// The field's value with surrounding whitespace removed, or `nil` when it is absent or blank.
    static func value(_ name: String, in fields: [FormField]) -> String? {
        guard let raw = fields.value(named: name) else { return nil }
        let trimmed = raw.trimmingWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }
}
