/// What the rules decided to create at one destination: a vendor-neutral ticket with its first message.
public struct TicketDraft: Sendable, Codable, Equatable {
    /// The name of the destination (a key of `destinations:`).
    public var destination: String
    public var requester: Party
    public var subject: String
    /// The text of the first message.
    public var message: String
    public var tags: [String]
    /// The helpdesk user the ticket is assigned to.
    public var assignee: Int?
    /// True when the message is an internal note that the customer does not see.
    public var staffOnly: Bool
    /// An internal note on the ticket itself.
    public var note: String?
    public var metadata: [String]

    public init(
        destination: String,
        requester: Party,
        subject: String,
        message: String,
        tags: [String] = [],
        assignee: Int? = nil,
        staffOnly: Bool = false,
        note: String? = nil,
        metadata: [String] = []
    ) {
        self.destination = destination
        self.requester = requester
        self.subject = subject
        self.message = message
        self.tags = tags
        self.assignee = assignee
        self.staffOnly = staffOnly
        self.note = note
        self.metadata = metadata
    }
}
