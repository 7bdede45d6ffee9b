import Foundation
import Hummingbird
import TicketGateCore

/// `GET /metrics`: the registry in Prometheus's text format, with the outbox gauges read from the store at
/// each scrape.
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
                let backlog = try await store.outboxBacklog(now: now)
                metrics.observe(
                    backlog: backlog, now: now, paused: Set(pauses.paused.keys), destinations: rules.current.ruleSet.destinations.keys.sorted())
            } catch {
                context.logger.error("cannot read the outbox for /metrics", metadata: ["tg.error": "\(error)"])
            }
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: .init(string: metrics.exposition())))
        }
    }
}
