import Foundation
import Logging
import ServiceLifecycle
import TicketGateCore

/// Drains the outbox: claims due deliveries, runs at most `concurrency` attempts at once, and records each
/// outcome with its audit records in one transaction. On graceful shutdown it stops claiming and lets the
/// attempts already running finish.
struct DeliveryWorker: Service, CustomStringConvertible {
    let store: any EventStore
    let rules: RulesState
    let configuration: DeliveryConfiguration
    let wakeup: DeliveryWakeup
    let logger: Logger
    let now: @Sendable () -> Date

    var description: String { "DeliveryWorker" }

    func run() async throws {
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                group.addTask { await tick() }
                await dispatch()
                group.cancelAll()
            }
        } onGracefulShutdown: {
            wakeup.finish()
        }
    }

    /// Wakes the dispatcher every poll interval, so retries are picked up when they fall due.
    private func tick() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: configuration.pollInterval)
            wakeup.signal()
        }
    }

    /// Claims work on every wake-up until the outbox has nothing due or every slot is busy.
    private func dispatch() async {
        let slots = AttemptSlots(capacity: configuration.concurrency)
        await withDiscardingTaskGroup { group in
            for await _ in wakeup.signals {
                while slots.free > 0, let jobs = await claim(limit: slots.free), !jobs.isEmpty {
                    slots.take(jobs.count)
                    for job in jobs {
                        group.addTask {
                            await attempt(job)
                            slots.release()
                            wakeup.signal()
                        }
                    }
                }
            }
        }
    }

    private func claim(limit: Int) async -> [DeliveryJob]? {
        let start = now()
        do {
            return try await store.claimDueDeliveries(now: start, limit: limit, leaseUntil: start.addingTimeInterval(configuration.lease.seconds))
        } catch {
            logger.error("cannot claim deliveries from the outbox", metadata: ["tg.error": "\(error)"])
            return nil
        }
    }

    /// Runs one attempt and records how it ended.
    func attempt(_ job: DeliveryJob) async {
        let journal = AttemptJournal(store: store, job: job)
        let outcome: DeliveryOutcome
        if let client = rules.current.vendors.client(for: job.destination) {
            outcome = await client.deliver(job, journal: journal)
        } else {
            outcome = .permanent(DeliveryFailure(.unknownDestination, "the rules no longer define destination '\(job.destination)'"))
        }
        let result = resolve(outcome, of: job)
        let records = journal.drain() + [result.auditRecord(for: job, at: now())]
        do {
            try await store.finishAttempt(deliveryID: job.id, eventID: job.eventID, result: result, audit: records)
        } catch {
            logger.error(
                "cannot record a delivery outcome; the delivery is tried again when its lease ends",
                metadata: ["tg.event.id": "\(job.eventID)", "tg.error": "\(error)"]
            )
            return
        }
        logger.info(
            "delivery attempt finished",
            metadata: [
                "tg.event.id": "\(job.eventID)",
                "tg.destination": "\(job.destination)",
                "tg.delivery.attempt": "\(job.attempt)",
                "tg.delivery.status": "\(result.status.rawValue)",
                "tg.delivery.reason": "\(result.failure?.reason.rawValue ?? "none")",
            ]
        )
    }

    /// Applies the retry policy to an attempt's outcome.
    func resolve(_ outcome: DeliveryOutcome, of job: DeliveryJob) -> DeliveryResult {
        switch outcome {
        case .delivered(let refs):
            return .delivered(refs)
        case .dryRun:
            return .dryRun
        case .permanent(let failure):
            return .failed(failure)
        case .retryable(let failure, let retryAfter):
            guard configuration.retry.allowsAnotherAttempt(after: job.attempt) else { return .dead(failure) }
            let delay = configuration.retry.delay(afterAttempt: job.attempt, retryAfter: retryAfter)
            return .retry(at: now().addingTimeInterval(delay.seconds), failure)
        }
    }
}

extension Duration {
    /// The duration in seconds, for `Date` arithmetic.
    var seconds: TimeInterval {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
