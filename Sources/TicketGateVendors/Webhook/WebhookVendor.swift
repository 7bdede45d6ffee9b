import TicketGateCore

/// A signed webhook: each delivery is one JSON POST to the destination's URL, signed the Standard Webhooks way
/// (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md). The body is the
/// normalized event and the decision, or what a rule's `body` template renders.
package enum WebhookVendor: Vendor {
    package static let profile = VendorProfile(
        name: "webhook", displayName: "Webhook", credentialKey: "secret", ruleSettings: [VendorSetting("body", .jsonTemplate)],
        credentialFormat: VendorSetting(
            "secret",
            .text(
                expected: "one or more Standard Webhooks secrets (whsec_ and base64), separated by spaces",
                isValid: { WebhookSigner(secrets: $0) != nil })),
        sendsEvent: true)

    package static func connect(_ destination: DestinationDefinition, http: VendorHTTP) -> (client: any VendorClient, planner: any VendorPlanner) {
        let requests = WebhookRequests(destination: destination)
        let connection = VendorConnection(destination: destination, http: http)
        return (WebhookClient(requests: requests, connection: connection), WebhookPlanner(requests: requests))
    }
}
