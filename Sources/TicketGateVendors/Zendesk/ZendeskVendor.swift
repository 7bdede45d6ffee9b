import TicketGateCore

/// Zendesk Support (Ticketing API v2, https://developer.zendesk.com/api-reference/ticketing/introduction/):
/// tickets with a first comment that is public or an internal note, follow-ups as comments, brands, groups,
/// priorities and types; an API token sent as `{email}/token:{token}`, or, without `email`, an OAuth access
/// token as a bearer token. The Team plan's 200 requests a minute unless the destination sets its own
/// `rate_limit`.
package enum ZendeskVendor: Vendor {
    static let emailKey = "email"
    static let groupKey = "group"
    static let priorityKey = "priority"
    static let typeKey = "type"

    package static let profile = VendorProfile(
        name: "zendesk", displayName: "Zendesk", hasBrands: true, status: .named,
        documentedRateLimit: RateLimit(requests: 200, per: .seconds(60)), ignoredSettings: ["note", "metadata"],
        destinationSettings: [
            VendorSetting(
                emailKey,
                .text(expected: "the email address of the agent the API token belongs to", isValid: { $0.wholeMatch(of: /[^@\s]+@[^@\s]+/) != nil }))
        ],
        ruleSettings: [
            VendorSetting(groupKey, .positiveInteger), VendorSetting(priorityKey, .choice(["urgent", "high", "normal", "low"])),
            VendorSetting(typeKey, .choice(["problem", "incident", "question", "task"])),
        ])

    package static func connect(_ destination: DestinationDefinition, http: VendorHTTP) -> (client: any VendorClient, planner: any VendorPlanner) {
        let requests = ZendeskRequests(destination: destination)
        let connection = VendorConnection(destination: destination, http: http, requestIDHeader: ZendeskRequests.requestIDHeader)
        return (ZendeskClient(requests: requests, connection: connection), ZendeskPlanner(requests: requests))
    }
}
