import TicketGateCore

/// SPP (Service Provider Pro): tickets and order messages, a numeric ticket status, the token as a bearer token.
package enum SPPVendor: Vendor {
    package static let profile = VendorProfile(name: "spp", displayName: "SPP", hasOrders: true, status: .numeric)

    package static func connect(_ destination: DestinationDefinition, http: VendorHTTP) -> (client: any VendorClient, planner: any VendorPlanner) {
        let requests = SPPRequests(destination: destination)
        let connection = VendorConnection(destination: destination, http: http, requestIDHeader: SPPRequests.requestIDHeader)
        return (SPPClient(requests: requests, connection: connection), SPPPlanner(requests: requests))
    }
}
