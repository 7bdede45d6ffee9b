import Logging
import TicketGateCore

/// The vendor client and planner of every destination, built once when the rules load.
/// A destination without credentials gets a dry-run client.
public struct VendorClients: Sendable {
    private let clients: [String: any VendorClient]
    private let planners: [String: any VendorPlanner]
    /// Destinations whose vendor this build cannot deliver to yet.
    public let unsupported: [String]

    public init(destinations: [String: DestinationDefinition], http: VendorHTTP) {
        var clients: [String: any VendorClient] = [:]
        var planners: [String: any VendorPlanner] = [:]
        var unsupported: [String] = []
        for (name, destination) in destinations {
            guard let (client, planner) = Self.make(destination, http: http) else {
                unsupported.append(name)
                continue
            }
            clients[name] = destination.isDryRun ? DryRunClient(planner: planner) : client
            planners[name] = planner
        }
        self.clients = clients
        self.planners = planners
        self.unsupported = unsupported.sorted()
    }

    /// The client that delivers to `destination`, or `nil` when the rules do not define it.
    public func client(for destination: String) -> (any VendorClient)? {
        clients[destination]
    }

    /// The planner that writes out `destination`'s requests, or `nil` when the rules do not define it.
    public func planner(for destination: String) -> (any VendorPlanner)? {
        planners[destination]
    }

    private static func make(_ destination: DestinationDefinition, http: VendorHTTP) -> (any VendorClient, any VendorPlanner)? {
        switch destination.vendor {
        case .spp:
            let requests = SPPRequests(destination: destination)
            return (SPPClient(requests: requests, http: http), SPPPlanner(requests: requests))
        case .omnidesk, .initdesk:
            return nil
        }
    }
}
