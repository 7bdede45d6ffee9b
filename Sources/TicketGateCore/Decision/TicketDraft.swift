import Foundation

/// What the rules decided to create at one destination: a vendor-neutral ticket with its first message, or a
/// message on a ticket or order the event refers to.
package struct TicketDraft: Sendable, Codable, Equatable {
    /// The name of the destination (a key of `destinations:`).
    package var destination: String
    package var requester: Party
    package var subject: String
    /// The text of the first message.
    package var message: String
    package var tags: [String]
    /// The helpdesk user the ticket is assigned to.
    package var assignee: Int?
    /// A pool assigned in turn; the gateway picks `assignee` from it when it stores the event.
    package var assigneeRotation: AssigneeRotation?
    /// True when the message is an internal note that the customer does not see.
    package var staffOnly: Bool
    /// An internal note on the ticket itself.
    package var note: String?
    package var metadata: [String]
    /// The brand the ticket is filed under, for vendors with brands.
    package var brand: Int?
    /// The ticket status as the vendor names or numbers it (`VendorProfile.status`).
    package var status: String?
    /// What the vendor does with the ticket next (`VendorProfile.nextActions`).
    package var nextAction: String?
    /// The ticket the event answers, as the helpdesk knows it: the message goes there instead of a new ticket.
    package var replyTo: String?
    /// The order the event is about, for vendors with orders: the message goes to the order.
    package var order: String?
    /// The addresses the customer's email was copied to, for vendors that keep a message's recipients.
    package var cc: [String]?
    /// When the customer wrote: the provider's time, or when the gateway received the event.
    package var writtenAt: Date?
    /// The destination that gets the ticket instead when this delivery fails for good or dead-letters.
    package var fallback: String?
    /// The settings of the destination's vendor's own that the rules made (`VendorProfile.ruleSettings`), by
    /// key; only that vendor's client reads them.
    package var vendorSettings: [String: VendorSettingValue]?

    package init(
        destination: String,
        requester: Party,
        subject: String,
        message: String,
        tags: [String] = [],
        assignee: Int? = nil,
        assigneeRotation: AssigneeRotation? = nil,
        staffOnly: Bool = false,
        note: String? = nil,
        metadata: [String] = [],
        brand: Int? = nil,
        status: String? = nil,
        nextAction: String? = nil,
        replyTo: String? = nil,
        order: String? = nil,
        cc: [String]? = nil,
        writtenAt: Date? = nil,
        fallback: String? = nil,
        vendorSettings: [String: VendorSettingValue]? = nil
    ) {
        self.destination = destination
        self.requester = requester
        self.subject = subject
        self.message = message
        self.tags = tags
        self.assignee = assignee
        self.assigneeRotation = assigneeRotation
        self.staffOnly = staffOnly
        self.note = note
        self.metadata = metadata
        self.brand = brand
        self.status = status
        self.nextAction = nextAction
        self.replyTo = replyTo
        self.order = order
        self.cc = cc
        self.writtenAt = writtenAt
        self.fallback = fallback
        self.vendorSettings = vendorSettings
    }

    /// The vendor setting `key` the rules made, if they made it.
    package func vendorSetting(_ key: String) -> VendorSettingValue? {
        vendorSettings?[key]
    }

    /// The ticket for the fallback destination, when there is one: the same customer, subject, message,
    /// visibility, tags, note and metadata, without what only the first destination understands (assignee,
    /// brand, status, next action, the vendor's own settings, the ticket or order answered) and without a fallback of its own.
    package func fallbackDraft() -> TicketDraft? {
        guard let fallback, fallback != destination else { return nil }
        return TicketDraft(
            destination: fallback, requester: requester, subject: subject, message: message, tags: tags, staffOnly: staffOnly, note: note,
            metadata: metadata, cc: cc, writtenAt: writtenAt)
    }
}

/// Assignees taken in turn. The turn is kept by the store, so it survives restarts.
package struct AssigneeRotation: Sendable, Codable, Equatable {
    /// Names the rotation: the rule that set it and its pool, so a changed pool starts afresh.
    package var key: String
    package var pool: [Int]

    package init(key: String, pool: [Int]) {
        self.key = key
        self.pool = pool
    }
}
