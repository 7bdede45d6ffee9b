import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// What lives as long as the process, beside the application: the metrics registry, the places for parsing
/// unverified bodies, the admin API's failed sign-ins by client, and whether the gateway is draining before it
/// stops.
public final class GatewayRuntime: Sendable {
    public let metrics: GatewayMetrics
    /// The bodies parsed at once before their sender is authenticated.
    let unverifiedParsing: UnverifiedParsing
    /// Wrong admin tokens by client: past ten in a minute, a client is refused before its token is read.
    let adminFailures: ClientRateLimiter
    private let draining = Mutex(false)

    public convenience init(metrics: GatewayMetrics = GatewayMetrics()) {
        self.init(metrics: metrics, adminFailures: ClientRateLimiter())
    }

    init(metrics: GatewayMetrics, adminFailures: ClientRateLimiter) {
        self.metrics = metrics
        self.unverifiedParsing = UnverifiedParsing()
        self.adminFailures = adminFailures
    }

    /// True once shutdown has begun: `/readyz` answers 503 so a load balancer stops sending.
    public var isDraining: Bool { draining.withLock { $0 } }

    /// The service that, at graceful shutdown, turns `/readyz` to 503 and keeps the gateway accepting for
    /// `period` so a load balancer can notice, before the application behind it stops. Run it after the
    /// application in one service group: the group shuts services down in reverse order.
    public func drain(for period: Duration, logger: Logger) -> some Service {
        DrainService(runtime: self, period: period, logger: logger)
    }

    fileprivate func startDraining() {
        draining.withLock { $0 = true }
    }
}

private struct DrainService: Service {
    let runtime: GatewayRuntime
    let period: Duration
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        runtime.startDraining()
        logger.notice("draining: /readyz answers 503; stopping in \(period)", metadata: ["tg.drain": "\(period)"])
        try? await Task.sleep(for: period)
        logger.notice("stopping: no new requests; deliveries under way may finish")
    }
}
