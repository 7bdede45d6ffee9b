import Foundation
import Logging
import ServiceLifecycle
import TicketGateCore

/// Prunes the store by the retention policy at start and then at every interval, in the background.
struct RetentionPruner: Service {
    let store: any OperatorStore
    let policy: RetentionPolicy
    let logger: Logger
    let now: @Sendable () -> Date

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await pruneOnce()
                try? await Task.sleep(for: policy.interval)
            }
        }
    }

    /// One pass; a failure is logged and the next pass tries again.
    func pruneOnce() async {
        do {
            let result = try await store.prune(policy.cutoffs(at: now()))
            if result.rawBodies > 0 || result.events > 0 {
                logger.info(
                    "retention pruned the store",
                    metadata: ["tg.raw_payloads": "\(result.rawBodies)", "tg.events": "\(result.events)"]
                )
            }
        } catch {
            logger.error("cannot prune the store", metadata: ["tg.error": "\(error)"])
        }
    }
}
