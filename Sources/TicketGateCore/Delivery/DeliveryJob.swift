import Foundation

/// One claimed outbox row: the ticket to create, where, and what earlier attempts already created.
package struct DeliveryJob: Sendable, Equatable {
    package var id: Int64
    package var eventID: EventID
    package var draft: TicketDraft
    /// The attempt this is, starting at 1.
    package var attempt: Int
    package var refs: VendorRefs
    /// The conversation the event continues, when an earlier event at the same destination opened it.
    package var conversation: ConversationLink?
    /// The files that came with the event, with their bytes, for vendors that take uploads.
    package var files: [Attachment]
    /// When the delivery entered the outbox.
    package var queuedAt: Date?
    /// The claim this attempt holds, on a store shared by several instances: every write of the attempt's
    /// progress and outcome must name it, so an instance whose lease another one took over writes nothing.
    package var claim: UUID?
    /// The normalized event, for a vendor whose requests carry it (`VendorProfile.sendsEvent`); read for those
    /// alone.
    package var event: InboundEvent?

    package init(
        id: Int64, eventID: EventID, draft: TicketDraft, attempt: Int, refs: VendorRefs = VendorRefs(), conversation: ConversationLink? = nil,
        files: [Attachment] = [], queuedAt: Date? = nil, claim: UUID? = nil, event: InboundEvent? = nil
    ) {
        self.id = id
        self.eventID = eventID
        self.draft = draft
        self.attempt = attempt
        self.refs = refs
        self.conversation = conversation
        self.files = files
        self.queuedAt = queuedAt
        self.claim = claim
        self.event = event
    }

    package var destination: String { draft.destination }

    /// The ticket the message goes to: one this delivery already created or was given, the one a rule named,
    /// or the conversation's.
    package var knownTicket: String? {
        refs.ticketID ?? draft.replyTo ?? conversation?.ticketID
    }

    /// The event whose dry-run delivery opened this conversation: a dry run shows the message going to the
    /// ticket that delivery would have created.
    package var dryRunOpener: EventID? {
        guard knownTicket == nil, let conversation, conversation.firstStatus == .dryRun else { return nil }
        return conversation.firstEventID
    }
}
