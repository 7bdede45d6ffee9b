import Logging
import TicketGateCore

/// The vendor client and planner of every destination, built once when the rules load.
/// A destination without credentials gets a dry-run client.
package struct VendorClients: Sendable {
    private let clients: [String: any VendorClient]
    private let planners: [String: any VendorPlanner]
    /// The destinations whose requests carry the normalized event (`VendorProfile.sendsEvent`).
    private let eventSenders: Set<String>

    package init(destinations: [String: DestinationDefinition], http: VendorHTTP) {
        var clients: [String: any VendorClient] = [:]
        var planners: [String: any VendorPlanner] = [:]
        for (name, destination) in destinations {
            let (client, planner) = VendorRegistry.vendor(for: destination).connect(destination, http: http)
            clients[name] = destination.isDryRun ? DryRunClient(planner: planner) : client
            planners[name] = planner
        }
        self.clients = clients
        self.planners = planners
        eventSenders = Set(destinations.filter { $0.value.vendor.sendsEvent }.keys)
    }

    /// Whether `destination`'s requests carry the normalized event, which the job must then hold.
    package func sendsEvent(_ destination: String) -> Bool {
        eventSenders.contains(destination)
    }

    /// The client that delivers to `destination`, or `nil` when the rules do not define it.
    package func client(for destination: String) -> (any VendorClient)? {
        clients[destination]
    }

    /// The planner that writes out `destination`'s requests, or `nil` when the rules do not define it.
    package func planner(for destination: String) -> (any VendorPlanner)? {
        planners[destination]
    }
}
