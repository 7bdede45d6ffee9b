/// A person on one side of an event: the customer who wrote, or whoever the event names.
public struct Party: Sendable, Codable, Equatable {
    public var email: String?
    public var name: String?

    public init(email: String? = nil, name: String? = nil) {
        self.email = email
        self.name = name
    }

    /// The part of the email address after the `@`, lowercased.
    public var domain: String? {
        guard let email, let at = email.lastIndex(of: "@") else { return nil }
        let domain = email[email.index(after: at)...]
        return domain.isEmpty ? nil : domain.lowercased()
    }

    /// `Name <email>`, or whichever of the two is known.
    public var displayName: String? {
        switch (name, email) {
        case (let name?, let email?): "\(name) <\(email)>"
        case (let name?, nil): name
        case (nil, let email?): email
        case (nil, nil): nil
        }
    }
}
