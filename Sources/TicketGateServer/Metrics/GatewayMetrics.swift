import Foundation
import Metrics
import Prometheus
import TicketGateCore

/// The gateway's metrics, in one Prometheus registry: `ticketgate_*` series with low-cardinality labels
/// (sources, destinations and rules are the operator's names; reasons are closed sets). `serve` also points
/// swift-metrics at the registry, so Hummingbird's HTTP metrics appear beside them.
package final class GatewayMetrics: Sendable {
    package let registry: PrometheusCollectorRegistry

    private let counters = HandleCache<SeriesKey, Prometheus.Counter>()
    private let histograms = HandleCache<SeriesKey, DurationHistogram>()

    package init() {
        registry = PrometheusCollectorRegistry()
        registry.makeGauge(descriptor: Names.buildInfo, labels: [("version", BuildInfo.version), ("commit", BuildInfo.commit)]).set(to: 1)
    }

    /// A swift-metrics factory that records into this registry, for `MetricsSystem.bootstrap`.
    package var factory: PrometheusMetricsFactory {
        PrometheusMetricsFactory(registry: registry)
    }

    // MARK: - Ingest

    /// An inbound request on a known source: `accepted`, `duplicate`, `ignored` or `refused`.
    func eventReceived(source: String, outcome: String) {
        counter(Names.eventsReceived, [("source", source), ("outcome", outcome)]).increment()
    }

    /// A request that failed verification, by the check that failed.
    func verificationFailed(source: String, reason: String) {
        counter(Names.verificationFailures, [("source", source), ("reason", reason)]).increment()
    }

    /// What the rules decided for a stored event, and each rule that matched.
    func decided(_ decision: Decision) {
        counter(Names.decisions, [("outcome", decision.outcome.name)]).increment()
        for rule in decision.matchedRules {
            counter(Names.ruleMatches, [("rule", rule)]).increment()
        }
    }

    // MARK: - Delivery

    /// How a delivery attempt ended, and how long it took; for a delivery that arrived, how long since the
    /// event was received.
    func attemptFinished(destination: String, result: DeliveryResult, duration: Duration, sinceQueued: Duration?) {
        counter(
            Names.deliveries,
            [("destination", destination), ("outcome", result.outcomeName), ("reason", result.failureReason?.rawValue ?? "none")]
        ).increment()
        histogram(Names.attemptDuration, [("destination", destination)], buckets: Self.attemptBuckets).record(duration)
        if case .delivered = result, let sinceQueued {
            histogram(Names.deliveryLatency, [("destination", destination)], buckets: Self.latencyBuckets).record(sinceQueued)
        }
    }

    /// The outbox's due deliveries and how long the oldest has waited; the paused destinations.
    func observe(backlog: OutboxBacklog, now: Date, paused: Set<String>, destinations: [String]) {
        registry.makeGauge(descriptor: Names.outboxDue).set(to: Double(backlog.due))
        registry.makeGauge(descriptor: Names.outboxOldestDueAge).set(to: backlog.oldestDueAt.map { max(0, now.timeIntervalSince($0)) } ?? 0)
        for destination in destinations {
            registry.makeGauge(descriptor: Names.destinationPaused, labels: [("destination", destination)])
                .set(to: paused.contains(destination) ? 1.0 : 0.0)
        }
    }

    /// The deliveries waiting on an operator (failed or dead), by destination: every destination of the rules
    /// and every one that still has such deliveries, zero where it has none.
    func observe(waiting: [String: [DeliveryStatus: Int]], destinations: [String]) {
        for destination in Set(destinations).union(waiting.keys) {
            for status in [DeliveryStatus.failed, .dead] {
                registry.makeGauge(descriptor: Names.deliveriesWaiting, labels: [("destination", destination), ("status", status.rawValue)])
                    .set(to: Double(waiting[destination]?[status] ?? 0))
            }
        }
    }

    // MARK: - Connections

    /// The connections open now.
    func connectionsOpen(_ count: Int) {
        registry.makeGauge(descriptor: Names.connectionsOpen).set(to: Double(count))
    }

    /// A connection closed as it was accepted, because `max_connections` were open.
    func connectionRefused() {
        counter(Names.connectionsRefused, []).increment()
    }

    /// A connection closed because its client was too slow: `header_timeout`, `body_timeout`, `body_rate` or
    /// `idle_timeout`.
    func connectionClosed(reason: String) {
        counter(Names.connectionsClosed, [("reason", reason)]).increment()
    }

    /// A request refused because the gateway was at a limit, by reason: `body_budget` (every request's bodies
    /// together), `client_body_budget` (one client address's), `unverified_parsing` (bodies parsed before
    /// their signature is checked).
    func requestShed(reason: String) {
        counter(Names.requestsShed, [("reason", reason)]).increment()
    }

    // MARK: - Rules

    /// A rules reload: `applied`, `unchanged` or `refused`.
    func rulesReloaded(result: String) {
        counter(Names.rulesReloads, [("result", result)]).increment()
    }

    /// A counter series, made in the registry the first time it is counted.
    private func counter(_ descriptor: MetricNameDescriptor, _ labels: [(String, String)]) -> Prometheus.Counter {
        counters.handle(SeriesKey(descriptor.metricName, labels: labels)) { _ in registry.makeCounter(descriptor: descriptor, labels: labels) }
    }

    /// A histogram series, made in the registry the first time it records.
    private func histogram(_ descriptor: MetricNameDescriptor, _ labels: [(String, String)], buckets: [Duration]) -> DurationHistogram {
        histograms.handle(SeriesKey(descriptor.metricName, labels: labels)) { _ in
            registry.makeDurationHistogram(descriptor: descriptor, labels: labels, buckets: buckets)
        }
    }

    /// A series: its metric's name and its labels' values.
    private struct SeriesKey: Hashable, Sendable {
        let metric: String
        let values: [String]

        init(_ metric: String, labels: [(String, String)]) {
            self.metric = metric
            values = labels.map(\.1)
        }
    }

    /// The registry in Prometheus's text format.
    func exposition() -> String {
        registry.emitToString()
    }

    /// The series' names and help texts, each `ticketgate_<name>_<unit>`. (Computed: swift-prometheus's
    /// descriptor is not `Sendable`.)
    private enum Names {
        static var eventsReceived: MetricNameDescriptor {
            series(
                "events_received", "total", "Inbound requests on each source, by outcome: accepted, duplicate, ignored or refused.")
        }
        static var verificationFailures: MetricNameDescriptor {
            series(
                "verification_failures", "total", "Requests refused by signature or credential checks, by the check that failed.")
        }
        static var decisions: MetricNameDescriptor { series("decisions", "total", "Stored events by decision: deliver, drop or unrouted.") }
        static var ruleMatches: MetricNameDescriptor { series("rule_matches", "total", "Events each rule matched.") }
        static var deliveries: MetricNameDescriptor {
            series(
                "deliveries", "total",
                "Delivery attempts by destination, outcome (delivered, dry_run, retry, paused, failed, dead) and failure reason.")
        }
        static var attemptDuration: MetricNameDescriptor {
            series(
                "delivery_attempt_duration", "seconds", "How long each delivery attempt took, vendor calls included.")
        }
        static var deliveryLatency: MetricNameDescriptor {
            series("delivery_latency", "seconds", "From an event's 202 to its delivery, retries included.")
        }
        static var outboxDue: MetricNameDescriptor { series("outbox_due", "", "Pending deliveries whose attempt is due now.") }
        static var outboxOldestDueAge: MetricNameDescriptor {
            series(
                "outbox_oldest_due_age", "seconds", "How long the longest-waiting due delivery has waited.")
        }
        static var deliveriesWaiting: MetricNameDescriptor {
            series(
                "deliveries_waiting_on_operator", "",
                "Deliveries that wait for an operator's retry or replay, by destination and status: failed (refused for good) or dead (out of attempts)."
            )
        }
        static var destinationPaused: MetricNameDescriptor {
            series(
                "destination_paused", "", "1 while a destination is paused (a refused credential, or an operator), else 0.")
        }
        static var connectionsOpen: MetricNameDescriptor { series("connections_open", "", "HTTP connections open now.") }
        static var connectionsRefused: MetricNameDescriptor {
            series("connections_refused", "total", "Connections closed as they were accepted, because the most allowed were open.")
        }
        static var connectionsClosed: MetricNameDescriptor {
            series(
                "connections_closed", "total",
                "Connections closed because the client was too slow, by reason: header_timeout, body_timeout, body_rate or idle_timeout.")
        }
        static var requestsShed: MetricNameDescriptor {
            series(
                "requests_shed", "total",
                "Requests refused because the gateway was at a limit, by reason: body_budget, client_body_budget or unverified_parsing.")
        }
        static var buildInfo: MetricNameDescriptor { series("build_info", "", "1, labelled with the version and commit this binary was built from.") }
        static var rulesReloads: MetricNameDescriptor { series("rules_reloads", "total", "Rules reloads by result: applied, unchanged or refused.") }

        private static func series(_ name: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
            MetricNameDescriptor(namespace: "ticketgate", metricName: name, unitName: unit, helpText: help)
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
        failure?.reason
    }
}

// MARK: - Client shares

extension GatewayMetrics {
    /// A connection closed as it was accepted, because its client address held its share of the connections.
    func clientConnectionRefused() {
        counter(ShareNames.clientConnectionsRefused, []).increment()
    }

    /// The request body bytes held against the body budget now, every request's together.
    func bodyBytesHeld(_ bytes: Int) {
        registry.makeGauge(descriptor: ShareNames.bodyBytesHeld).set(to: Double(bytes))
    }

    /// The series of client shares, named as `Names` names the others.
    private enum ShareNames {
        static var clientConnectionsRefused: MetricNameDescriptor {
            MetricNameDescriptor(
                namespace: "ticketgate", metricName: "client_connections_refused", unitName: "total",
                helpText: "Connections closed as they were accepted, because their client address held its share of the connections.")
        }
        static var bodyBytesHeld: MetricNameDescriptor {
            MetricNameDescriptor(
                namespace: "ticketgate", metricName: "body_bytes_held", unitName: "",
                helpText: "Request body bytes held against the body budget now, every request's together.")
        }
    }
}
