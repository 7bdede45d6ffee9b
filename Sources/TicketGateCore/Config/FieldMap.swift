/// Which payload field holds the sender, subject and message (the `fields:` block of a source).
public struct FieldMap: Sendable, Equatable {
    public var email: String
    public var name: String
    public var subject: String
    public var message: String

    public init(email: String = "email", name: String = "name", subject: String = "subject", message: String = "message") {
        self.email = email
        self.name = name
        self.subject = subject
        self.message = message
    }

    /// The names of the payload fields the map reads.
    public var mappedFieldNames: Set<String> { [email, name, subject, message] }
}
