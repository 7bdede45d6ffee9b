import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// What lives as long as the process, beside the application: the metrics registry, the places for parsing
/// unverified bodies, the admin API's failed sign-ins by client, and whether the gateway is draining before it
/// stops.
package final class GatewayRuntime: Sendable {
    package let metrics: GatewayMetrics
    /// The bodies parsed at once before their sender is authenticated.
    let unverifiedParsing: UnverifiedParsing
    /// Wrong admin tokens by client: past ten in a minute, a client is refused before its token is read.
    let adminFailures: ClientRateLimiter
    /// Where events are decided, off the threads that answer requests.
    let ruleEvaluation: RuleEvaluation
    private let draining = Mutex(false)
    private let listening = Mutex(false)

    package convenience init(metrics: GatewayMetrics = GatewayMetrics()) {
        self.init(metrics: metrics, adminFailures: ClientRateLimiter())
    }

    init(metrics: GatewayMetrics, adminFailures: ClientRateLimiter, ruleEvaluation: RuleEvaluation = RuleEvaluation()) {
        self.metrics = metrics
        self.unverifiedParsing = UnverifiedParsing()
        self.adminFailures = adminFailures
        self.ruleEvaluation = ruleEvaluation
    }

    /// True once shutdown has begun: `/readyz` answers 503 so a load balancer stops sending.
    package var isDraining: Bool { draining.withLock { $0 } }

    /// The service that, at graceful shutdown, turns `/readyz` to 503 and keeps the gateway accepting for
    /// `period` so a load balancer can notice, before the application behind it stops. Run it after the
    /// application in one service group: the group shuts services down in reverse order. Should the process
    /// still run `grace` plus `Self.exitMargin` after the drain, whatever it waits on, it exits with status 1.
    package func drain(for period: Duration, grace: Duration, logger: Logger) -> some Service {
        DrainService(runtime: self, period: period, deadline: period + grace + Self.exitMargin, logger: logger)
    }

    /// How long past the drain and the grace period a stopping process may take before it is ended.
    package static let exitMargin = Duration.seconds(10)

    /// True once the HTTP server listens: a failure before that is a start-up that could not serve.
    var isListening: Bool { listening.withLock { $0 } }

    func startedListening() {
        listening.withLock { $0 = true }
    }

    fileprivate func startDraining() {
        draining.withLock { $0 = true }
    }
}

private struct DrainService: Service {
    let runtime: GatewayRuntime
    let period: Duration
    /// From the signal, when the process ends even if a service has not.
    let deadline: Duration
    let logger: Logger

    func run() async throws {
        // Cancelled rather than asked to shut down: another service failed, and the group is ending at once.
        do { try await gracefulShutdown() } catch { return }
        runtime.startDraining()
        ExitDeadline.arm(after: deadline, logger: logger)
        logger.notice("draining: /readyz answers 503; stopping in \(period)", metadata: ["tg.drain": "\(period)"])
        try? await Task.sleep(for: period)
        logger.notice("stopping: no new requests; deliveries under way may finish")
    }
}

/// Ends the process at a deadline from a thread of its own, so nothing the gateway waits on (a database that does
/// not answer, a task that ignores cancellation) can keep a stopping process alive.
private enum ExitDeadline {
    static func arm(after deadline: Duration, logger: Logger) {
        DispatchQueue.global().asyncAfter(deadline: .now() + deadline.seconds) {
            logger.error("the gateway did not stop in time after the signal; exiting", metadata: ["tg.deadline": "\(deadline)"])
            exit(1)
        }
    }
}
