import Synchronization
import TicketGateCore
import TicketGateInbound
import TicketGateRules
import TicketGateVendors

/// The loaded rules with everything built from them: an endpoint per source and a client per destination.
struct GatewayRules: Sendable {
    let ruleSet: RuleSet
    let endpoints: [String: SourceEndpoint]
    let vendors: VendorClients

    init(ruleSet: RuleSet, http: VendorHTTP) {
        self.ruleSet = ruleSet
        self.endpoints = ruleSet.sources.mapValues(SourceEndpoint.init)
        self.vendors = VendorClients(destinations: ruleSet.destinations, http: http)
    }

    /// Loads and compiles the rules directory; throws `RulesLoadError` with every problem.
    static func load(directory: String, environment: [String: String], http: VendorHTTP) throws -> GatewayRules {
        let loader = RulesLoader(environment: environment, formats: InboundFormats.supported)
        return GatewayRules(ruleSet: try loader.load(directory: directory), http: http)
    }
}

/// The rules in force. Requests and deliveries take a snapshot; a reload swaps it whole.
final class RulesState: Sendable {
    private let rules: Mutex<GatewayRules>

    init(_ rules: GatewayRules) {
        self.rules = Mutex(rules)
    }

    var current: GatewayRules {
        rules.withLock { $0 }
    }
}
