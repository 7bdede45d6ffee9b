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
            return (SPPClient(requests: requests, http: http), SPPPlanner(requests: requests))
        }
    }
}
