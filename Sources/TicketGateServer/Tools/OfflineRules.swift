import Foundation
import HTTPTypes
import Logging
import TicketGateCore
import TicketGateInbound
import TicketGateVendors

/// The rules loaded for a tool that runs events through them without serving: `explain` and `test`.
struct OfflineRules {
    let rules: GatewayRules

    /// Loads `directory`, runs `body` with the rules, and closes the vendor client the planners hold.
    static func with<T>(directory: String, environment: [String: String], _ body: (OfflineRules) async throws -> T) async throws -> T {
        let http = VendorHTTP(logger: Logger(label: "ticketgate"))
        do {
            let rules = try GatewayRules.load(directory: directory, environment: environment, http: http)
            let result = try await body(OfflineRules(rules: rules))
            try await http.shutdown()
            return result
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    /// Receives `body` at `source` as the gateway would at `receivedAt`, verifying only when asked.
    func receive(source: String, body: Data, headers: [(String, String)], verifying: Bool, receivedAt: Date = Date()) throws -> ReceivedEvent {
        guard let endpoint = rules.endpoints[source] else {
            throw StartupError("no source named '\(source)'; the rules define \(rules.ruleSet.sources.keys.sorted().joined(separator: ", "))")
        }
        var fields = HTTPFields()
        for (name, value) in headers {
            guard let field = HTTPField.Name(name) else { throw StartupError("'\(name)' is not a valid header name") }
            fields.append(HTTPField(name: field, value: value))
        }
        if fields[.contentType] == nil {
            fields[.contentType] = "application/json"
        }
        return try endpoint.receive(InboundRequest(body: body, headers: fields, receivedAt: receivedAt), verifying: verifying)
    }

    /// The requests the destination's client would send for `draft` of `event`, or why there are none. Offline,
    /// no conversation is known: a follow-up is shown as a new one unless a rule names its ticket.
    func plan(_ draft: TicketDraft, of event: InboundEvent) -> (requests: [RenderedRequest], note: String?) {
        guard let planner = rules.vendors.planner(for: draft.destination) else {
            return ([], "the rules define no destination \(draft.destination)")
        }
        let job = DeliveryJob(id: 0, eventID: event.id, draft: draft, attempt: 1, files: event.attachments, event: event)
        switch planner.plan(job) {
        case .success(let requests): return (requests, nil)
        case .failure(let failure): return ([], "the delivery would fail: \(failure)")
        }
    }
}
