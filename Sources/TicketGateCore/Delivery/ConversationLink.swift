/// What a delivery knows about the conversation it continues: the delivery that opened it, where that one
/// stands, and the ticket it created or was given.
package struct ConversationLink: Sendable, Equatable {
    /// The event whose delivery opened the conversation.
    package var firstEventID: EventID
    /// Where the opening delivery stands; follow-ups are not claimed while it is pending.
    package var firstStatus: DeliveryStatus
    /// The helpdesk ticket the conversation lives on, when the vendor returned one or a rule named it.
    package var ticketID: String?

    package init(firstEventID: EventID, firstStatus: DeliveryStatus, ticketID: String?) {
        self.firstEventID = firstEventID
        self.firstStatus = firstStatus
        self.ticketID = ticketID
    }
}
