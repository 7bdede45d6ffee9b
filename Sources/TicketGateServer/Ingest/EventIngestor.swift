import Foundation
import Logging
import TicketGateCore
import TicketGateInbound
import TicketGateRules

/// The request path after the body is read: verify, normalize, decide, and store everything in one transaction
/// (which answers a duplicate with the event it repeats). No vendor is called here; the delivery worker is woken instead.
struct EventIngestor: Sendable {
    /// How a request ended when it was not refused.
    enum Result: Sendable, Equatable {
        case accepted(EventID)
        /// The source sent this event before; nothing new was stored.
        case duplicate(of: EventID)
        /// A provider handshake, acknowledged and not stored.
        case ignored
    }

    let store: any EventStore
    let wakeup: DeliveryWakeup
    let metrics: GatewayMetrics
    let unverifiedParsing: UnverifiedParsing
    let ruleEvaluation: RuleEvaluation

    /// The checks whose failure counts as a verification failure.
    static let verificationChecks: Set<InboundError.Check> = [
        .signatureMissing, .signatureMismatch, .timestampTooOld, .timestampInFuture, .credentialsMissing, .credentialsInvalid,
    ]

    /// Stores the event, or throws the problem to answer with. Nothing is stored for a request that fails
    /// verification or normalization, nor for a duplicate.
    /// `afterVerification` runs once the request is verified, and may refuse it.
    func ingest(
        _ request: InboundRequest, at endpoint: SourceEndpoint, rules: GatewayRules, logger: Logger,
        afterVerification: () throws(Problem) -> Void = {}
    ) async throws(Problem) -> Result {
        let verified: VerifiedRequest?
        do {
            verified = try verify(request, at: endpoint)
        } catch {
            throw refused(error, at: endpoint, logger: logger)
        }
        guard let verified else {
            metrics.requestShed(reason: "unverified_parsing")
            throw Problem.unverifiedParsingBusy()
        }
        try afterVerification()
        let received: ReceivedEvent
        do {
            received = try endpoint.normalize(verified)
        } catch  where error.check == .ignored {
            metrics.eventReceived(source: endpoint.definition.name, outcome: "ignored")
            return .ignored
        } catch {
            throw refused(error, at: endpoint, logger: logger)
        }
        let event = received.event
        var decision = await ruleEvaluation.decide(event, by: rules.ruleSet)
        do {
            if let first = try await takeRotationTurn(in: &decision, unlessRepeating: received.dedupeKey, source: event.source) {
                return duplicate(of: first, source: event.source, logger: logger)
            }
        } catch {
            logger.error("cannot store an inbound event", metadata: ["tg.source": "\(event.source)", "tg.error": "\(error)"])
            throw Problem.storeUnavailable()
        }
        let audit = IngestAudit.records(for: request, received: received, decision: decision, rulesVersion: rules.version)
        let accepted = AcceptedEvent(
            event: event, rawBody: request.body, contentType: request.contentType, decision: decision, audit: audit, dedupeKey: received.dedupeKey
        )
        let outcome: AcceptOutcome
        do {
            outcome = try await store.accept(accepted)
        } catch {
            logger.error("cannot store an inbound event", metadata: ["tg.source": "\(event.source)", "tg.error": "\(error)"])
            throw Problem.storeUnavailable()
        }
        if case .duplicate(let first) = outcome {
            return duplicate(of: first, source: event.source, logger: logger)
        }
        metrics.eventReceived(source: event.source, outcome: "accepted")
        metrics.decided(decision)
        if decision.draft != nil {
            wakeup.signal()
        }
        logger.info(
            "event accepted",
            metadata: [
                "tg.event.id": "\(event.id)",
                "tg.source": "\(event.source)",
                "tg.rules.matched": "\(decision.matchedRules.joined(separator: ","))",
                "tg.decision": "\(decision.outcome.name)",
            ]
        )
        return .accepted(event.id)
    }

    /// Logs and counts a duplicate of the event `first`.
    private func duplicate(of first: EventID, source: String, logger: Logger) -> Result {
        logger.info("duplicate event", metadata: ["tg.source": "\(source)", "tg.event.id": "\(first)"])
        metrics.eventReceived(source: source, outcome: "duplicate")
        return .duplicate(of: first)
    }

    /// The request verified; `nil` when its body must be parsed before it can be verified and every place to
    /// parse such bodies is taken.
    private func verify(_ request: InboundRequest, at endpoint: SourceEndpoint) throws(InboundError) -> VerifiedRequest? {
        guard endpoint.parsesBeforeVerifying else { return try endpoint.verify(request) }
        return try unverifiedParsing.run { () throws(InboundError) in try endpoint.verify(request) }
    }

    /// Logs and counts a request refused by an inbound check, before or after its body was read, and returns
    /// the problem to answer with.
    func refused(_ error: InboundError, at endpoint: SourceEndpoint, logger: Logger) -> Problem {
        logger.notice("inbound request refused", metadata: ["tg.source": "\(endpoint.definition.name)", "tg.check": "\(error.check)"])
        metrics.eventReceived(source: endpoint.definition.name, outcome: "refused")
        if Self.verificationChecks.contains(error.check) {
            metrics.verificationFailed(source: endpoint.definition.name, reason: error.check.rawValue)
        }
        return Problem(inbound: error)
    }

    /// Picks the assignee of a rotation the rules chose, so the stored ticket names one person. A repeated event
    /// takes no turn: when the decision has a rotation, the event stored first under the same `dedupeKey` is
    /// looked up before, and returned instead. Any other duplicate is found by `accept` in the same transaction
    /// that would store it, so an event without a rotation costs no read before it is stored.
    private func takeRotationTurn(in decision: inout Decision, unlessRepeating dedupeKey: String?, source: String) async throws -> EventID? {
        guard case .deliver(var draft) = decision.outcome, let rotation = draft.assigneeRotation else { return nil }
        if let dedupeKey, let first = try await store.storedEvent(source: source, dedupeKey: dedupeKey) {
            return first
        }
        draft.assignee = try await store.nextAssignee(in: rotation)
        decision.outcome = .deliver(draft)
        return nil
    }
}
