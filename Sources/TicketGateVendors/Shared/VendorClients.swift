import Logging
import TicketGateCore

/// The vendor client and planner of every destination, built once when the rules load.
/// A destination without credentials gets a dry-run client.
public struct VendorClients: Sendable {
    private let clients: [String: any VendorClient]
    private let planners: [String: any VendorPlanner]

    public init(destinations: [String: DestinationDefinition], http: VendorHTTP) {
        var clients: [String: any VendorClient] = [:]
        var planners: [String: any VendorPlanner] = [:]
        for (name, destination) in destinations {
            let (client, planner) = Self.make(destination, http: http)
            clients[name] = destination.isDryRun ? DryRunClient(planner: planner) : client
            planners[name] = planner
        }
        self.clients = clients
        self.planners = planners
    }

    /// The client that delivers to `destination`, or `nil` when the rules do not define it.
    public func client(for destination: String) -> (any VendorClient)? {
        clients[destination]
    }

    /// The planner that writes out `destination`'s requests, or `nil` when the rules do not define it.
    public func planner(for destination: String) -> (any VendorPlanner)? {
        planners[destination]
    }

    private static func make(_ destination: DestinationDefinition, http: VendorHTTP) -> (any VendorClient, any VendorPlanner) {
        switch destination.vendor {
        case .spp:
            let requests = SPPRequests(destination: destination)
            let connection = VendorConnection(destination: destination, http: http, requestIDHeader: SPPRequests.requestIDHeader)
            return (SPPClient(requests: requests, connection: connection), SPPPlanner(requests: requests))
        case .omnidesk:
            let requests = OmnideskRequests(destination: destination)
            return (
                OmnideskClient(requests: requests, connection: VendorConnection(destination: destination, http: http)),
                OmnideskPlanner(requests: requests)
            )
        case .initdesk:
            let requests = InitdeskRequests(destination: destination)
            return (
                InitdeskClient(requests: requests, connection: VendorConnection(destination: destination, http: http)),
                InitdeskPlanner(requests: requests)
            )
        }
    }
}
