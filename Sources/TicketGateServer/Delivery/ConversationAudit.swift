import Foundation
import TicketGateCore

/// The audit record that says where a follow-up's message goes: the ticket of the conversation it continues,
/// or why it opens a new one.
enum ConversationAudit {
    static func record(for job: DeliveryJob, at date: Date) -> AuditRecord? {
        guard let conversation = job.conversation, job.draft.replyTo == nil else { return nil }
        let first = conversation.firstEventID
        var detail: [String: JSONValue] = ["first_event_id": .string(first.rawValue), "first_status": .string(conversation.firstStatus.rawValue)]
        detail["ticket_id"] = conversation.ticketID.map(JSONValue.string)
        let summary: String
        switch (conversation.ticketID, conversation.firstStatus) {
        case (let ticket?, _):
            summary = "continues the conversation event \(first) opened: the message goes to ticket \(ticket)"
        case (nil, .dryRun):
            summary = "continues the conversation event \(first) opened in a dry run: the message would go to the ticket that delivery would create"
        case (nil, .delivered):
            summary = "continues the conversation event \(first) opened, but that delivery returned no ticket id, so this event opens a new ticket"
        case (nil, let status):
            summary = "continues the conversation event \(first) opened, but that delivery ended \(status.rawValue), so this event opens a new ticket"
        }
        return AuditRecord(stage: .threaded, at: date, summary: summary, detail: detail)
    }
}
