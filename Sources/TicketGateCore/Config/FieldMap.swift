/// Which payload field holds the sender, subject and message (the `fields:` block of a source). A provider
/// format fills these itself; a map entry overrides it when the named field is present.
package struct FieldMap: Sendable, Equatable {
    package var email: String?
    package var name: String?
    package var subject: String?
    package var message: String?

    package init(email: String? = nil, name: String? = nil, subject: String? = nil, message: String? = nil) {
        self.email = email
        self.name = name
        self.subject = subject
        self.message = message
    }

    /// This map's entries, with `defaults` filling the ones it leaves out.
    package func overriding(_ defaults: FieldMap) -> FieldMap {
        FieldMap(
            email: email ?? defaults.email, name: name ?? defaults.name, subject: subject ?? defaults.subject, message: message ?? defaults.message)
    }
}
