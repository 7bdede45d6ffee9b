import Foundation

/// An outbox row as either store reads it: one ticket to create at one destination, with its attempts.
package struct StoredDelivery: Sendable {
    package var id: Int64
    package var eventID: String
    package var status: String
    package var attempts: Int
    package var nextAttemptAt: Date
    package var draft: TicketDraft
    package var refs: VendorRefs
    package var lastFailureReason: String?
    package var lastFailureDetail: String?
    package var createdAt: Date
    /// When the row last changed: for a delivery that failed or is dead, when its last attempt ended.
    package var updatedAt: Date

    package init(
        id: Int64, eventID: String, status: String, attempts: Int, nextAttemptAt: Date, draft: TicketDraft, refs: VendorRefs,
        lastFailureReason: String?, lastFailureDetail: String?, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.eventID = eventID
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.draft = draft
        self.refs = refs
        self.lastFailureReason = lastFailureReason
        self.lastFailureDetail = lastFailureDetail
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The row as a job, with the conversation it continues (`opener`, the row that opened it), its files and
    /// the claim that holds it.
    package func job(opener: StoredDelivery?, files: [Attachment], claim: UUID? = nil) -> DeliveryJob {
        let conversation = opener.map { opener in
            ConversationLink(
                firstEventID: EventID(rawValue: opener.eventID), firstStatus: DeliveryStatus(rawValue: opener.status) ?? .pending,
                ticketID: opener.refs.ticketID ?? opener.draft.replyTo
            )
        }
        return DeliveryJob(
            id: id, eventID: EventID(rawValue: eventID), draft: draft, attempt: attempts, refs: refs, conversation: conversation, files: files,
            queuedAt: createdAt, claim: claim)
    }

    package var summary: DeliverySummary {
        let failure = lastFailureReason.flatMap(FailureReason.init(rawValue:)).map { DeliveryFailure($0, lastFailureDetail ?? "") }
        let status = DeliveryStatus(rawValue: status) ?? .pending
        return DeliverySummary(
            id: id, destination: draft.destination, status: status, attempts: attempts, nextAttemptAt: status == .pending ? nextAttemptAt : nil,
            refs: refs, lastFailure: failure, lastAttemptAt: status == .failed || status == .dead ? updatedAt : nil)
    }
}
