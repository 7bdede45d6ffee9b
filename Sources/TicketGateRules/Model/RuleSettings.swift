import TicketGateCore

/// Who a ticket is assigned to: one person, or a pool taken in turn.
enum AssigneeSetting: Sendable, Equatable {
    case fixed(Int)
    case rotation(AssigneeRotation)
}

/// A vendor's own setting as a rule makes it: a value, or a template rendered for each event.
enum VendorRuleSetting: Sendable, Equatable {
    case value(VendorSettingValue)
    case template(MessageTemplate)

    /// As the rules write it.
    var written: String {
        switch self {
        case .value(let value): value.description
        case .template(let template): template.source
        }
    }
}

/// What `defaults:` or a rule's `set:` chooses. Unset fields leave the earlier choice in place.
struct RuleSettings: Sendable, Equatable {
    var destination: String?
    /// Where the ticket goes when the delivery to `destination` fails for good or dead-letters.
    var fallback: String?
    /// Added to the tags chosen so far.
    var tags: [String] = []
    /// Removed from the tags chosen so far, after `tags` are added.
    var removeTags: [String] = []
    var assignee: AssigneeSetting?
    var staffOnly: Bool?
    var note: String?
    var metadata: [String]?
    var brand: Int?
    var status: String?
    var nextAction: String?
    var subject: MessageTemplate?
    var message: MessageTemplate?
    var replyTo: TicketReference?
    var order: TicketReference?
    /// The settings of a vendor's own (`VendorProfile.ruleSettings`), by key.
    var vendorSettings: [String: VendorRuleSetting] = [:]

    /// The keys `set:` and `defaults:` accept for every vendor; each vendor adds its own (`SettingsParser.keys`).
    static let keys = [
        "destination", "fallback", "tags", "remove_tags", "assignee", "staff_only", "visible_to_customer", "note", "metadata", "brand", "status",
        "next_action", "subject", "message", "reply_to", "order",
    ]

    /// Applies a later match: tags accumulate (then `remove_tags` takes some away), every other setting it makes
    /// overwrites.
    mutating func apply(_ later: RuleSettings) {
        destination = later.destination ?? destination
        fallback = later.fallback ?? fallback
        for tag in later.tags where !tags.contains(tag) {
            tags.append(tag)
        }
        tags.removeAll { later.removeTags.contains($0) }
        assignee = later.assignee ?? assignee
        staffOnly = later.staffOnly ?? staffOnly
        note = later.note ?? note
        metadata = later.metadata ?? metadata
        brand = later.brand ?? brand
        status = later.status ?? status
        nextAction = later.nextAction ?? nextAction
        subject = later.subject ?? subject
        message = later.message ?? message
        replyTo = later.replyTo ?? replyTo
        order = later.order ?? order
        vendorSettings.merge(later.vendorSettings) { _, later in later }
    }
}
