import Foundation
import Hummingbird
import Logging
import TicketGateCore

/// What the console reads and does, given to it by the gateway that serves it (`TicketGateServer`): the store,
/// the rules in force, and the operator's actions, each recorded as done from the console.
package protocol ConsoleBackend: Sendable {
    var store: any OperatorStore { get }
    /// The rules in force now.
    var rules: any ConsoleRules { get }
    /// The gateway's clock.
    func now() -> Date

    /// Every destination of the rules in force, with its pause and its deliveries by status.
    func destinations() async throws -> [DestinationStatus]
    /// The instances sharing the store.
    func instances() async throws -> [InstanceStatus]

    /// Runs event `id` through the rules in force again; `nil` when there is no such event.
    func replay(_ id: EventID, force: Bool, logger: Logger) async throws -> ReplayResult?
    /// Puts the selected deliveries whose status is one of `statuses` back in the outbox.
    func requeue(_ selection: DeliverySelection, statuses: Set<DeliveryStatus>, logger: Logger) async throws -> [DeliverySummary]
    func pause(_ destination: String) async
    func resume(_ destination: String) async

    /// `rules` (one rules file, as pasted) checked, then, when they load, the newest stored events (at most
    /// `limit`) decided again under them: the problems `check` prints, or the events whose decision would change,
    /// as `ticketgate preview` prints them. Nothing is stored or delivered.
    func preview(rules: String, limit: Int) async throws -> String

    /// The event list the URL's parameters ask for, read as the admin API reads them.
    func eventQuery(_ parameters: [String: String]) throws(EventQueryRefusal) -> EventQuery

    /// How long a client must wait before presenting the admin token again, after too many wrong ones (to the
    /// console and the admin API together); `nil` when it may.
    func wrongTokenWait(address: String) -> Duration?
    /// Counts a wrong admin token presented by `address`.
    func recordWrongToken(address: String)
}

/// What the console shows of the rules in force, and asks of them.
package protocol ConsoleRules: Sendable {
    /// The hash of the rule files that `decided` audit records name.
    var version: String { get }
    var sources: [String: SourceDefinition] { get }
    var destinationNames: [String] { get }
    /// The rules in the order they are tried.
    var outlines: [RuleOutline] { get }
    /// What `defaults:` sets, key by key as the rules write them.
    var defaultsOutline: [(key: String, value: String)] { get }
    /// How every rule weighs `event`: matched, not matched (with the first condition that failed), or not tried.
    func trace(_ event: InboundEvent) -> [RuleTrace]
    /// `payload` at `source` through normalization and the rules, without its signature check, as
    /// `ticketgate explain` prints it. Nothing is stored or sent.
    func explain(_ payload: Data, source: String, contentType: String) throws -> String
}

/// A request context the console's routes run in: the client's address and scheme as the trusted proxies
/// report them, and the session the console's guard found.
package protocol ConsoleRequestContext: RequestContext {
    var clientAddress: String? { get }
    /// `https` when the client came over TLS, as far as the gateway can tell.
    var clientScheme: String { get }
    var consoleSession: ConsoleSession? { get set }
}

/// Why the event list's URL parameters ask for no list, in words for the operator.
package struct EventQueryRefusal: Error, Sendable {
    package let detail: String

    package init(_ detail: String) {
        self.detail = detail
    }
}
