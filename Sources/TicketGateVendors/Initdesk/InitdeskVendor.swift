import TicketGateCore

/// Initdesk: answers existing tickets only, with a next action instead of a status; the organization id is in
/// every path; 60 requests a minute per token.
package enum InitdeskVendor: Vendor {
    static let organizationKey = "organization"

    package static let profile = VendorProfile(
        name: "initdesk", displayName: "Initdesk", opensConversations: false,
        nextActions: [
            "", "close_and_mark_resolved", "close_and_mark_invalid", "close_and_mark_customer_inactivity", "reopen_waiting_customer",
            "reopen_waiting_associate", "close_and_mark_other", "report_spam", "remove_from_spam",
        ],
        documentedRateLimit: RateLimit(requests: 60, per: .seconds(60)), ignoredSettings: ["tags", "remove_tags", "note", "metadata", "subject"],
        destinationSettings: [VendorSetting(organizationKey, .positiveInteger, isRequired: true)])

    package static func connect(_ destination: DestinationDefinition, http: VendorHTTP) -> (client: any VendorClient, planner: any VendorPlanner) {
        let requests = InitdeskRequests(destination: destination)
        return (
            InitdeskClient(requests: requests, connection: VendorConnection(destination: destination, http: http)),
            InitdeskPlanner(requests: requests)
        )
    }
}
