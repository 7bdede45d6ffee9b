import TicketGateCore

/// A helpdesk the gateway delivers to: what its API can do and how a destination of it sends requests. Each
/// vendor's folder holds its own; `VendorRegistry` lists them.
package protocol Vendor: Sendable {
    static var profile: VendorProfile { get }
    /// The client that calls the vendor for `destination`, and the planner that writes out the same requests.
    static func connect(_ destination: DestinationDefinition, http: VendorHTTP) -> (client: any VendorClient, planner: any VendorPlanner)
}
