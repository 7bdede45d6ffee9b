/// What `defaults:` or a rule's `set:` chooses. Unset fields leave the earlier choice in place.
struct RuleSettings: Sendable, Equatable {
    var destination: String?
    /// Added to the tags chosen so far, never replacing them.
    var tags: [String] = []
    var assignee: Int?
    var staffOnly: Bool?
    var note: String?
    var metadata: [String]?

    /// The keys `set:` and `defaults:` accept.
    static let keys = ["destination", "tags", "assignee", "staff_only", "visible_to_customer", "note", "metadata"]

    /// Applies a later match: tags accumulate, every other setting it makes overwrites.
    mutating func apply(_ later: RuleSettings) {
        destination = later.destination ?? destination
        for tag in later.tags where !tags.contains(tag) {
            tags.append(tag)
        }
        assignee = later.assignee ?? assignee
        staffOnly = later.staffOnly ?? staffOnly
        note = later.note ?? note
        metadata = later.metadata ?? metadata
    }
}
