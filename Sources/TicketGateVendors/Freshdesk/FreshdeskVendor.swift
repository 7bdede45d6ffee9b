import TicketGateCore

/// Freshdesk (API v2, https://developers.freshdesk.com/api/): tickets whose first message is their
/// description (or, staff only, a private note beside it), follow-ups as notes, groups, priorities, types and
/// numeric statuses; the API key as Basic's user name. The Growth plan's 200 requests a minute unless the
/// destination sets its own `rate_limit`.
package enum FreshdeskVendor: Vendor {
    static let groupKey = "group"
    static let priorityKey = "priority"
    static let typeKey = "type"
    /// Freshdesk's priorities by name (Low 1, Medium 2, High 3, Urgent 4).
    static let priorities = ["low", "medium", "high", "urgent"]

    package static let profile = VendorProfile(
        name: "freshdesk", displayName: "Freshdesk", credentialKey: "api_key", status: .numeric,
        documentedRateLimit: RateLimit(requests: 200, per: .seconds(60)), ignoredSettings: ["note", "metadata"],
        ruleSettings: [
            VendorSetting(groupKey, .positiveInteger), VendorSetting(priorityKey, .choice(priorities)),
            VendorSetting(typeKey, .text(expected: "a ticket type of the account, such as Question", isValid: { !$0.isEmpty })),
        ])

    package static func connect(_ destination: DestinationDefinition, http: VendorHTTP) -> (client: any VendorClient, planner: any VendorPlanner) {
        let requests = FreshdeskRequests(destination: destination)
        let connection = VendorConnection(destination: destination, http: http, requestIDHeader: FreshdeskRequests.requestIDHeader)
        return (FreshdeskClient(requests: requests, connection: connection), FreshdeskPlanner(requests: requests))
    }
}
