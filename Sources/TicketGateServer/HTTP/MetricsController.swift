import Foundation
import Hummingbird
import TicketGateCore

/// `GET /metrics`: the registry in Prometheus's text format, with the outbox gauges and the deliveries waiting on
/// an operator read from the store at each scrape.
struct MetricsController: Sendable {
    let metrics: GatewayMetrics
    let store: any OperatorStore
    let rules: RulesState
    let pauses: DestinationPauses
    let now: @Sendable () -> Date

    func addRoutes(to router: Router<GatewayRequestContext>) {
        router.get("/metrics") { _, context in
            do {
                let now = now()
                let destinations = rules.current.ruleSet.destinations.keys.sorted()
                let backlog = try await store.outboxBacklog(now: now)
                metrics.observe(backlog: backlog, now: now, paused: Set(pauses.paused.keys), destinations: destinations)
                metrics.observe(waiting: try await store.deliveryCounts(statuses: [.failed, .dead]), destinations: destinations)
            } catch {
                context.logger.error("cannot read the outbox for /metrics", metadata: ["tg.error": "\(error)"])
            }
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: .init(string: metrics.exposition())))
        }
    }
}
