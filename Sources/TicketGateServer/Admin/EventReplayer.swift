import Foundation
import TicketGateCore

/// Runs a stored event through the rules in force again and queues what they decide. It never opens a
/// second ticket for an event whose ticket is known unless forced: a destination the event was delivered to
/// is skipped, one still pending is left alone, and a new delivery after a failure starts from the ids the
/// failed one learned (so the message goes to the ticket it created). A ticket at the rule's fallback counts
/// as the event's ticket.
struct EventReplayer: Sendable {
    let store: any OperatorStore
    let rules: RulesState
    let wakeup: DeliveryWakeup
    let now: @Sendable () -> Date

    /// Replays event `id`, an operator's action from `channel`; `nil` when there is no such event.
    func replay(_ id: EventID, force: Bool, via channel: OperatorChannel) async throws -> ReplayResult? {
        guard let report = try await store.report(for: id) else { return nil }
        let rules = self.rules.current
        var decision = rules.ruleSet.decide(report.event)
        if case .deliver(var draft) = decision.outcome, let rotation = draft.assigneeRotation {
            draft.assignee = try await store.nextAssignee(in: rotation)
            decision.outcome = .deliver(draft)
        }
        var result = ReplayResult(
            id: id, outcome: decision.outcome.name, matchedRules: decision.matchedRules, rulesVersion: rules.version,
            deliveries: [], skipped: nil)
        var record = IngestAudit.decidedRecord(decision, rulesVersion: rules.version, at: now())
        record.stage = .replayed
        record.summary = "replayed\(force ? " (forced)" : "") \(channel.phrase): " + record.summary
        record.detail["via"] = .string(channel.rawValue)
        guard let draft = decision.draft else {
            _ = try await store.addDeliveries(to: id, [], now: now(), audit: [record])
            return result
        }
        let earlier = report.deliveries.filter { $0.destination == draft.destination }
        // A ticket the rule's fallback destination already has is the event's ticket too.
        let atFallback = report.deliveries.filter { $0.destination == draft.fallback && $0.destination != draft.destination }
        if !force, let blocking = Self.blocking(earlier) ?? Self.blocking(atFallback) {
            result.skipped = blocking
            record.summary += "; nothing queued: " + blocking
            _ = try await store.addDeliveries(to: id, [], now: now(), audit: [record])
            return result
        }
        let refs = force ? VendorRefs() : Self.startingRefs(earlier)
        result.deliveries = try await store.addDeliveries(to: id, [(draft, refs)], now: now(), audit: [record])
        wakeup.signal()
        return result
    }

    /// Why an earlier delivery to the same destination stops a replay that is not forced.
    private static func blocking(_ earlier: [DeliverySummary]) -> String? {
        if let pending = earlier.first(where: { $0.status == .pending }) {
            return "delivery #\(pending.id) to \(pending.destination) is still pending; retry it, or force a replay"
        }
        if let delivered = earlier.last(where: { $0.status == .delivered }) {
            let ticket = delivered.refs.ticketID.map { " as ticket \($0)" } ?? ""
            return "the event was delivered to \(delivered.destination)\(ticket) (delivery #\(delivered.id)); force the replay to open a new ticket"
        }
        return nil
    }

    /// The client and ticket the latest earlier delivery learned, without its message: the replay posts the
    /// message again, to the same ticket.
    private static func startingRefs(_ earlier: [DeliverySummary]) -> VendorRefs {
        guard let last = earlier.last(where: { $0.refs.clientID != nil || $0.refs.ticketID != nil }) else { return VendorRefs() }
        return VendorRefs(clientID: last.refs.clientID, ticketID: last.refs.ticketID)
    }
}
