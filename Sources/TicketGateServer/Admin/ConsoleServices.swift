import Foundation
import Logging
import TicketGateConsole
import TicketGateCore
import TicketGateInbound
import TicketGateRules
import TicketGateVendors

/// What the console (`TicketGateConsole`) reads and does, from the same store, rules, actions and overview as the
/// admin API; every action is recorded as done from the console, and a wrong admin token at its sign-in counts
/// with the admin API's.
struct ConsoleServices: ConsoleBackend {
    let store: any OperatorStore
    let rulesState: RulesState
    let actions: OperatorActions
    let overview: OperatorOverview
    let failures: ClientRateLimiter
    /// What `${NAME}` in pasted rules reads: the gateway's own environment.
    let environment: [String: String]
    let clock: @Sendable () -> Date

    var rules: any ConsoleRules { rulesState.current }

    func now() -> Date { clock() }

    func destinations() async throws -> [DestinationStatus] { try await overview.destinations() }

    func instances() async throws -> [InstanceStatus] { try await overview.instances() }

    func replay(_ id: EventID, force: Bool, logger: Logger) async throws -> ReplayResult? {
        try await actions.replay(id, force: force, via: .console, logger: logger)
    }

    func requeue(_ selection: DeliverySelection, statuses: Set<DeliveryStatus>, logger: Logger) async throws -> [DeliverySummary] {
        try await actions.requeue(selection, statuses: statuses, via: .console, logger: logger)
    }

    func pause(_ destination: String) async { await actions.pause(destination, via: .console) }

    func resume(_ destination: String) async { await actions.resume(destination, via: .console) }

    func preview(rules text: String, limit: Int) async throws -> String {
        let files = [RulesFile(path: "pasted.yml", contents: text)]
        let (ruleSet, problems) = GatewayRules.compile(files, environment: environment)
        let checked = problems.map(\.description)
        guard let ruleSet else { return (["The rules do not load; nothing was decided."] + checked).joined(separator: "\n") }
        let report = try await RulesPreview.preview(
            store, ruleSet: ruleSet, version: GatewayRules.version(of: files), since: nil, limit: limit)
        return (checked + [RulesPreview.text(report, since: nil)]).joined(separator: "\n")
    }

    func eventQuery(_ parameters: [String: String]) throws(EventQueryRefusal) -> EventQuery {
        do {
            return try AdminQuery(parameters).eventQuery()
        } catch {
            throw EventQueryRefusal(error.detail)
        }
    }

    func wrongTokenWait(address: String) -> Duration? {
        failures.wait(source: "admin", address: address, limit: AdminAuthMiddleware.failureLimit)
    }

    func recordWrongToken(address: String) {
        _ = failures.admit(source: "admin", address: address, limit: AdminAuthMiddleware.failureLimit)
    }
}

extension GatewayRules: ConsoleRules {
    var sources: [String: SourceDefinition] { ruleSet.sources }
    var destinationNames: [String] { ruleSet.destinations.keys.sorted() }
    var outlines: [RuleOutline] { ruleSet.outlines }
    var defaultsOutline: [(key: String, value: String)] { ruleSet.defaultsOutline }

    func trace(_ event: InboundEvent) -> [RuleTrace] {
        ruleSet.decide(event, trace: .full).trace
    }

    func explain(_ payload: Data, source: String, contentType: String) throws -> String {
        try Explainer.text(payload, source: source, contentType: contentType, rules: self)
    }
}
