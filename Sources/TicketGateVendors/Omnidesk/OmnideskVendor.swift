import Foundation
import TicketGateCore

/// Omnidesk: a new conversation needs a brand; messages carry the account's channel type, user and time zone.
/// Its API has no tags, assignee, staff-only flag, note or metadata.
package enum OmnideskVendor: Vendor {
    package static let profile = VendorProfile(
        name: "omnidesk", displayName: "Omnidesk", credentialKey: "api_key", hasBrands: true, brandNeededToOpen: true, status: .named,
        ignoredSettings: ["tags", "remove_tags", "assignee", "staff_only", "visible_to_customer", "note", "metadata"],
        destinationSettings: [
            VendorSetting("brand", .positiveInteger),
            VendorSetting(
                "message_type", .text(expected: "contactform, calllog or a channel number", isValid: OmnideskSettings.isValidMessageType)),
            VendorSetting("user_id", .positiveInteger),
            VendorSetting("time_zone", .timeZone),
        ])

    package static func connect(_ destination: DestinationDefinition, http: VendorHTTP) -> (client: any VendorClient, planner: any VendorPlanner) {
        let requests = OmnideskRequests(destination: destination)
        return (
            OmnideskClient(requests: requests, connection: VendorConnection(destination: destination, http: http)),
            OmnideskPlanner(requests: requests)
        )
    }
}
