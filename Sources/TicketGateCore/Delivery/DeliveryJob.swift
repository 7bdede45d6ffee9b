/// One claimed outbox row: the ticket to create, where, and what earlier attempts already created.
public struct DeliveryJob: Sendable, Equatable {
    public var id: Int64
    public var eventID: EventID
    public var draft: TicketDraft
    /// The attempt this is, starting at 1.
    public var attempt: Int
    public var refs: VendorRefs

    public init(id: Int64, eventID: EventID, draft: TicketDraft, attempt: Int, refs: VendorRefs = VendorRefs()) {
        self.id = id
        self.eventID = eventID
        self.draft = draft
        self.attempt = attempt
        self.refs = refs
    }

    public var destination: String { draft.destination }
}
