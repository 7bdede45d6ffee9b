import TicketGateCore

/// Builds the Initdesk API request of seed 004: JSON, with the token in `X-Initdesk-Token`, under the
/// organization's path.
struct InitdeskRequests: Sendable {
    let builder: RequestBuilder
    let organization: Int

    init(destination: DestinationDefinition) {
        builder = RequestBuilder(
            baseURL: destination.baseURL,
            commonHeaders: [
                ("X-Initdesk-Token", destination.credential?.value ?? ""),
                ("Accept", "application/json"),
                ("User-Agent", "ticketgate"),
            ],
            credentialHeaders: ["x-initdesk-token"]
        )
        organization = destination.integer(InitdeskVendor.organizationKey) ?? 0
    }

    /// `POST /organizations/{org}/tickets/{ticket}/messages/`: the message as text and HTML, visible to the
    /// customer unless staff-only, with the next assignee and next action the rules chose. The copied
    /// addresses go only with a customer-visible message: Initdesk ignores them on internal notes.
    func createMessage(ticketSegment: String, draft: TicketDraft) -> VendorRequest {
        let visible = !draft.staffOnly
        let body = InitdeskMessageRequest(
            content: draft.message,
            contentHTML: HTMLText.paragraphs(draft.message),
            isVisibleToCustomer: visible,
            nextAssigneeID: draft.assignee,
            nextAction: draft.nextAction,
            externalRecipientEmails: visible ? draft.cc : nil
        )
        return builder.postJSON("/organizations/\(organization)/tickets/\(ticketSegment)/messages/", body)
    }
}

/// The body of a new message (seed 004).
struct InitdeskMessageRequest: Encodable, Sendable {
    var content: String
    var contentHTML: String
    var isVisibleToCustomer: Bool
    var nextAssigneeID: Int?
    var nextAction: String?
    var externalRecipientEmails: [String]?

    enum CodingKeys: String, CodingKey {
        case content
        case contentHTML = "content_html"
        case isVisibleToCustomer = "is_visible_to_customer"
        case nextAssigneeID = "next_assignee_id"
        case nextAction = "next_action"
        case externalRecipientEmails = "external_recipient_emails"
    }
}

/// The part of a created message (201) the gateway keeps.
struct InitdeskMessage: Decodable, Sendable {
    var id: Int
}
