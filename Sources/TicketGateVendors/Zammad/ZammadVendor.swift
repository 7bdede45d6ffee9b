import TicketGateCore

/// Zammad (REST API v1, https://docs.zammad.org/en/latest/api/intro.html): tickets in a group with a first
/// article that is internal or not, the customer found or created by email (`guess:`), follow-ups as
/// articles, named states and priorities, the owner; `Authorization: Token token=…`. Zammad documents no
/// rate limit.
package enum ZammadVendor: Vendor {
    static let groupKey = "group"
    static let priorityKey = "priority"

    static let groupName = VendorSetting.Kind.text(expected: "the name of a Zammad group, such as Users", isValid: { !$0.isEmpty })

    package static let profile = VendorProfile(
        name: "zammad", displayName: "Zammad", status: .named, ignoredSettings: ["metadata"],
        destinationSettings: [VendorSetting(groupKey, groupName, isRequired: true)],
        ruleSettings: [
            VendorSetting(groupKey, groupName),
            VendorSetting(priorityKey, .text(expected: "the name of a Zammad priority, such as 2 normal", isValid: { !$0.isEmpty })),
        ])

    package static func connect(_ destination: DestinationDefinition, http: VendorHTTP) -> (client: any VendorClient, planner: any VendorPlanner) {
        let requests = ZammadRequests(destination: destination)
        let connection = VendorConnection(destination: destination, http: http, requestIDHeader: ZammadRequests.requestIDHeader)
        return (ZammadClient(requests: requests, connection: connection), ZammadPlanner(requests: requests))
    }
}
