import Foundation
import Metrics
import Prometheus
import TicketGateCore

/// The gateway's metrics, in one Prometheus registry: `ticketgate_*` series with low-cardinality labels
/// (sources, destinations and rules are the operator's names; reasons are closed sets). `serve` also points
/// swift-metrics at the registry, so Hummingbird's HTTP metrics appear beside them.
public final class GatewayMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry

    public init() {
        registry = PrometheusCollectorRegistry()
    }

    /// A swift-metrics factory that records into this registry, for `MetricsSystem.bootstrap`.
    public var factory: PrometheusMetricsFactory {
        PrometheusMetricsFactory(registry: registry)
    }

    // MARK: - Ingest

    /// An inbound request on a known source: `accepted`, `duplicate`, `ignored` or `refused`.
    func eventReceived(source: String, outcome: String) {
        registry.makeCounter(
            name: "ticketgate_events_received_total", labels: [("source", source), ("outcome", outcome)],
            help: "Inbound requests on each source, by outcome: accepted, duplicate, ignored or refused."
        ).increment()
    }

    /// A request that failed verification, by the check that failed.
    func verificationFailed(source: String, reason: String) {
        registry.makeCounter(
            name: "ticketgate_verification_failures_total", labels: [("source", source), ("reason", reason)],
            help: "Requests refused by signature or credential checks, by the check that failed."
        ).increment()
    }

    /// What the rules decided for a stored event, and each rule that matched.
    func decided(_ decision: Decision) {
        registry.makeCounter(
            name: "ticketgate_decisions_total", labels: [("outcome", IngestAudit.outcomeName(decision.outcome))],
            help: "Stored events by decision: deliver, drop or unrouted."
        ).increment()
        for rule in decision.matchedRules {
            registry.makeCounter(name: "ticketgate_rule_matches_total", labels: [("rule", rule)], help: "Events each rule matched.").increment()
        }
    }

    // MARK: - Delivery

    /// How a delivery attempt ended, and how long it took; for a delivery that arrived, how long since the
    /// event was received.
    func attemptFinished(destination: String, result: DeliveryResult, duration: Duration, sinceQueued: Duration?) {
        registry.makeCounter(
            name: "ticketgate_deliveries_total",
            labels: [("destination", destination), ("outcome", Self.outcome(result)), ("reason", result.failureReason?.rawValue ?? "none")],
            help: "Delivery attempts by destination, outcome (delivered, dry_run, retry, paused, failed, dead) and failure reason."
        ).increment()
        registry.makeDurationHistogram(
            name: "ticketgate_delivery_attempt_duration_seconds", labels: [("destination", destination)], buckets: Self.attemptBuckets,
            help: "How long each delivery attempt took, vendor calls included."
        ).record(duration)
        if case .delivered = result, let sinceQueued {
            registry.makeDurationHistogram(
                name: "ticketgate_delivery_latency_seconds", labels: [("destination", destination)], buckets: Self.latencyBuckets,
                help: "From an event's 202 to its delivery, retries included."
            ).record(sinceQueued)
        }
    }

    /// The outbox's due deliveries and how long the oldest has waited; the paused destinations.
    func observe(backlog: OutboxBacklog, now: Date, paused: Set<String>, destinations: [String]) {
        registry.makeGauge(name: "ticketgate_outbox_due", help: "Pending deliveries whose attempt is due now.").set(to: Double(backlog.due))
        registry.makeGauge(name: "ticketgate_outbox_oldest_due_age_seconds", help: "How long the longest-waiting due delivery has waited.")
            .set(to: backlog.oldestDueAt.map { max(0, now.timeIntervalSince($0)) } ?? 0)
        for destination in destinations {
            registry.makeGauge(
                name: "ticketgate_destination_paused", labels: [("destination", destination)],
                help: "1 while a destination is paused (a refused credential, or an operator), else 0."
            ).set(to: paused.contains(destination) ? 1.0 : 0.0)
        }
    }

    // MARK: - Rules

    /// A rules reload: `applied`, `unchanged` or `refused`.
    func rulesReloaded(result: String) {
        registry.makeCounter(
            name: "ticketgate_rules_reloads_total", labels: [("result", result)], help: "Rules reloads by result: applied, unchanged or refused."
        ).increment()
    }

    /// The registry in Prometheus's text format.
    func exposition() -> String {
        registry.emitToString()
    }

    private static func outcome(_ result: DeliveryResult) -> String {
        switch result {
        case .delivered: "delivered"
        case .dryRun: "dry_run"
        case .retry: "retry"
        case .paused: "paused"
        case .failed: "failed"
        case .dead: "dead"
        }
    }

    private static let attemptBuckets: [Duration] = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30].map { .milliseconds(Int64($0 * 1000)) }
    private static let latencyBuckets: [Duration] = [0.05, 0.25, 1, 5, 30, 60, 300, 1800, 3600, 21600, 86400].map {
        .milliseconds(Int64($0 * 1000))
    }
}

extension DeliveryResult {
    /// The reason of a failed attempt, if it failed.
    var failureReason: FailureReason? {
        switch self {
        case .delivered, .dryRun: nil
        case .retry(_, let failure), .paused(_, let failure), .failed(let failure), .dead(let failure): failure.reason
        }
    }
}
