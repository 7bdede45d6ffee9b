/// A person on one side of an event: the customer who wrote, or whoever the event names.
package struct Party: Sendable, Codable, Equatable {
    package var email: String?
    package var name: String?

    package init(email: String? = nil, name: String? = nil) {
        self.email = email
        self.name = name
    }

    /// The part of the email address after the `@`, lowercased.
    package var domain: String? {
        guard let email, let at = email.lastIndex(of: "@") else { return nil }
        let domain = email[email.index(after: at)...]
        return domain.isEmpty ? nil : domain.lowercased()
    }

    /// `Name <email>`, or whichever of the two is known.
    package var displayName: String? {
        switch (name, email) {
        case (let name?, let email?): "\(name) <\(email)>"
        case (let name?, nil): name
        case (nil, let email?): email
        case (nil, nil): nil
        }
    }
}
