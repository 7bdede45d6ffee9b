import Foundation
import Logging
import ServiceLifecycle
import TicketGateCore

/// Drains the outbox: claims due deliveries, runs at most `concurrency` attempts at once, and records each
/// outcome with its audit records in one transaction. A destination whose vendor refuses the credential is
/// paused: its deliveries wait, and a probe tries one of them every probe interval. A running attempt renews
/// its lease every third of the lease, so only an instance that stopped loses its deliveries to the others.
/// Besides its own wake-ups, the worker wakes when another instance stores a delivery (the coordination's
/// outbox signals) and every poll interval; it reads the pauses other instances set every second. On graceful
/// shutdown the worker stops claiming and lets the attempts already running finish.
struct DeliveryWorker: Service, CustomStringConvertible {
    let control: DeliveryControl
    let rules: RulesState
    let configuration: DeliveryConfiguration
    let metrics: GatewayMetrics
    /// Failed claims in a row.
    let claims = FailureStreak()

    var store: any OperatorStore { control.store }
    var wakeup: DeliveryWakeup { control.wakeup }
    var pauses: DestinationPauses { control.pauses }
    var logger: Logger { control.logger }
    var now: @Sendable () -> Date { control.now }

    var description: String { "DeliveryWorker" }

    func run() async throws {
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                group.addTask { await tick() }
                group.addTask { await runTimers() }
                group.addTask { await followOtherInstances() }
                group.addTask {
                    for await _ in control.coordination.outboxSignals() { wakeup.signal() }
                }
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

    /// Reads the pauses every second: a destination another instance resumed is claimed from at once.
    private func followOtherInstances() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(1))
            if !(await pauses.refresh()).isEmpty { wakeup.signal() }
        }
    }

    /// Waits out each delay asked for with `DeliveryWakeup.signal(after:)`, then wakes the dispatcher.
    private func runTimers() async {
        await withDiscardingTaskGroup { group in
            for await delay in wakeup.timers {
                group.addTask {
                    try? await Task.sleep(for: delay)
                    wakeup.signal()
                }
            }
            group.cancelAll()
        }
    }

    /// Claims work on every wake-up until the outbox has nothing due or every slot is busy: first a probe of
    /// each paused destination whose probe is due, then the deliveries of the destinations that run.
    private func dispatch() async {
        let slots = control.attempts
        await withDiscardingTaskGroup { group in
            func start(_ jobs: [DeliveryJob]) {
                slots.take(jobs.count)
                for job in jobs {
                    group.addTask {
                        await attempt(job)
                        slots.release()
                        wakeup.signal()
                    }
                }
            }
            for await _ in wakeup.signals {
                for destination in pauses.takeDueProbes(now: now()) where slots.free > 0 {
                    if let probe = await claim(limit: 1, .only(destination)), !probe.isEmpty {
                        logger.info("probing a paused destination", metadata: ["tg.destination": "\(destination)"])
                        start(probe)
                    } else if let probeAt = await pauses.postponeProbe(of: destination, now: now()) {
                        wake(at: probeAt)
                    }
                }
                while slots.free > 0 {
                    let limit = slots.free
                    guard let jobs = await claim(limit: limit, .except(Set(pauses.paused.keys))), !jobs.isEmpty else { break }
                    start(jobs)
                    // Fewer than asked for: nothing else is due now, and whatever falls due signals again.
                    if jobs.count < limit { break }
                }
                // Events stored and attempts ended in the next moment are claimed together, in one statement,
                // rather than one claim each.
                try? await Task.sleep(for: configuration.claimCoalescing)
            }
        }
    }

    private func claim(limit: Int, _ destinations: DestinationFilter) async -> [DeliveryJob]? {
        let start = now()
        do {
            let jobs = try await store.claimDueDeliveries(
                now: start, limit: limit, leaseUntil: start.addingTimeInterval(configuration.lease.seconds), destinations: destinations)
            claims.succeeded()
            return jobs
        } catch {
            // Once per outage: the worker tries again at every wake-up.
            if claims.failed() {
                logger.error("cannot claim deliveries from the outbox; trying again", metadata: ["tg.error": "\(error)"])
            }
            return nil
        }
    }

    /// `job` holding its normalized event when `needed`, read from the store; a store that cannot give it
    /// (unreachable, or the event pruned meanwhile) makes the attempt one to try again, as any other store
    /// failure during an attempt does.
    private func withEvent(_ job: DeliveryJob, if needed: Bool) async -> Result<DeliveryJob, EventUnread> {
        guard needed, job.event == nil else { return .success(job) }
        let reason: String
        do {
            if let event = try await store.event(job.eventID) {
                var job = job
                job.event = event
                return .success(job)
            }
            reason = "it is no longer stored"
        } catch {
            reason = "\(error)"
        }
        return .failure(EventUnread(failure: DeliveryFailure(.storeUnavailable, "could not read the event of the delivery: \(reason)")))
    }

    /// Why a delivery's event could not be read.
    struct EventUnread: Error {
        let failure: DeliveryFailure
    }

    /// Runs one attempt and records how it ended.
    func attempt(_ job: DeliveryJob) async {
        let started = ContinuousClock.now
        let journal = AttemptJournal(store: store, job: job)
        if job.attempt == 1, let record = ConversationAudit.record(for: job, at: now()) {
            journal.note(record)
        }
        let outcome: DeliveryOutcome
        let vendors = rules.current.vendors
        if let client = vendors.client(for: job.destination) {
            outcome = await withLeaseRenewed(job) {
                switch await withEvent(job, if: vendors.sendsEvent(job.destination)) {
                case .success(let job): await client.deliver(job, journal: journal)
                case .failure(let unread): .retryable(unread.failure, retryAfter: nil)
                }
            }
        } else {
            outcome = .permanent(DeliveryFailure(.unknownDestination, "the rules no longer define destination '\(job.destination)'"))
        }
        let result = await resolve(outcome, of: job)
        let fallback = result.status == .failed || result.status == .dead ? job.draft.fallbackDraft() : nil
        var records = journal.drain() + [result.auditRecord(for: job, at: now())]
        if let fallback {
            records.append(
                AuditRecord(
                    stage: .fallback, at: now(),
                    summary: "the ticket goes to the fallback destination \(fallback.destination) instead of \(job.destination)",
                    detail: ["destination": .string(job.destination), "fallback": .string(fallback.destination)]))
        }
        do {
            try await store.finishAttempt(deliveryID: job.id, eventID: job.eventID, claim: job.claim, result: result, audit: records)
        } catch {
            logger.error(
                "cannot record a delivery outcome; the delivery is tried again when its lease ends",
                metadata: ["tg.event.id": "\(job.eventID)", "tg.error": "\(error)"]
            )
            return
        }
        if fallback != nil {
            wakeup.signal()
        }
        metrics.attemptFinished(
            destination: job.destination, result: result, duration: ContinuousClock.now - started,
            sinceQueued: job.queuedAt.map { .seconds(max(0, now().timeIntervalSince($0))) })
        // Any answer but a refused credential ends a pause: a probe that meets a server error resumes the
        // destination, and its deliveries retry as usual until a 401 pauses it again.
        if !result.pausesDestination, await pauses.resumeAfterProbe(job.destination) {
            await control.resumed([job.destination], because: "an attempt got past the credential")
        }
        // A delivery that waits for an operator (refused for good, or out of attempts) is a warning; every other
        // outcome, a deferral for the vendor's rate limit among them, is information.
        logger.log(
            level: result.status == .failed || result.status == .dead ? .warning : .info,
            "delivery attempt finished",
            metadata: [
                "tg.event.id": "\(job.eventID)",
                "tg.destination": "\(job.destination)",
                "tg.delivery.attempt": "\(job.attempt)",
                "tg.delivery.status": "\(result.status.rawValue)",
                "tg.delivery.outcome": "\(result.outcomeName)",
                "tg.delivery.reason": "\(result.failure?.reason.rawValue ?? "none")",
            ]
        )
    }

    /// Runs `attempt` while renewing the job's lease every third of the lease. A renewal that finds the claim
    /// gone (the lease ran out and another instance took the delivery) is logged; the attempt's outcome is
    /// then not recorded, as the claim fences it.
    private func withLeaseRenewed(_ job: DeliveryJob, _ attempt: () async -> DeliveryOutcome) async -> DeliveryOutcome {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                while !Task.isCancelled {
                    do {
                        try await Task.sleep(for: configuration.lease / 3)
                        let renewed = try await store.extendLease(
                            deliveryID: job.id, claim: job.claim, until: now().addingTimeInterval(configuration.lease.seconds))
                        if !renewed {
                            logger.warning("a delivery's lease was lost to another instance", metadata: ["tg.event.id": "\(job.eventID)"])
                            return
                        }
                    } catch is CancellationError {
                        return
                    } catch {
                        logger.warning("cannot renew a delivery's lease", metadata: ["tg.event.id": "\(job.eventID)", "tg.error": "\(error)"])
                    }
                }
            }
            let outcome = await attempt()
            group.cancelAll()
            return outcome
        }
    }

    /// Applies the retry policy to an attempt's outcome; a refused credential pauses the destination.
    func resolve(_ outcome: DeliveryOutcome, of job: DeliveryJob) async -> DeliveryResult {
        switch outcome {
        case .delivered(let refs):
            return .delivered(refs)
        case .dryRun:
            return .dryRun
        case .permanent(let failure):
            return .failed(failure)
        case .credentialRefused(let failure):
            let (probeAt, isNew) = await pauses.pauseForCredential(job.destination, now: now())
            if isNew {
                logger.warning(
                    "destination paused: the vendor refused its credential; its deliveries wait",
                    metadata: ["tg.destination": "\(job.destination)", "tg.delivery.reason": "\(failure.reason.rawValue)"]
                )
            }
            if let probeAt { wake(at: probeAt) }
            return .paused(until: probeAt ?? now().addingTimeInterval(pauses.probeInterval.seconds), failure)
        case .deferred(let failure, let delay):
            return .deferred(until: now().addingTimeInterval(delay.seconds), failure)
        case .retryable(let failure, let retryAfter):
            guard configuration.retry.allowsAnotherAttempt(after: job.attempt) else { return .dead(failure) }
            let delay = configuration.retry.delay(afterAttempt: job.attempt, retryAfter: retryAfter)
            return .retry(at: now().addingTimeInterval(delay.seconds), failure)
        }
    }

    /// Wakes the dispatcher at `date`, when a paused destination's probe falls due.
    private func wake(at date: Date) {
        wakeup.signal(after: .seconds(max(0, date.timeIntervalSince(now()))))
    }
}

extension DeliveryResult {
    /// True for the result of a refused credential.
    fileprivate var pausesDestination: Bool {
        if case .paused = self { true } else { false }
    }
}
