import Foundation
import Logging
import Synchronization
import TicketGateCore

/// The paused destinations, as every instance sharing the store sees them. A destination whose vendor refused
/// the credential pauses by itself: its deliveries wait instead of failing, and every `probeInterval` one of
/// them is let through as a probe; the first attempt that gets past the credential resumes it. An operator can
/// pause a destination too; that pause has no probe and lasts until an operator resumes it. A rules reload
/// resumes the credential pauses: it is how an operator says the credential was fixed.
///
/// The pauses live in the coordination, so a pause or resume on one instance holds on all; each instance
/// keeps the last copy it read, renewed by `refresh()` every second, for the worker's every wake-up. Changes
/// made here take effect here at once, even when the coordination cannot be reached.
final class DestinationPauses: Sendable {
    private struct State {
        var pauses: [String: DestinationPause] = [:]
        /// The destinations this instance is probing now.
        var probing: Set<String> = []
    }

    let probeInterval: Duration
    private let coordination: any InstanceCoordination
    private let logger: Logger
    private let state = Mutex(State())
    /// Failed reads in a row: the log says so once, not every second of an outage.
    private let reads = FailureStreak()

    init(probeInterval: Duration, coordination: any InstanceCoordination, logger: Logger) {
        self.probeInterval = probeInterval
        self.coordination = coordination
        self.logger = logger
    }

    /// The destinations paused, as last read or changed here.
    var paused: [String: DestinationPause] {
        state.withLock { $0.pauses }
    }

    /// Reads the pauses from the coordination; returns the destinations that were paused before and are not
    /// now (another instance resumed them). Keeps the last copy when the coordination cannot be read, and says so
    /// in the log once until a read succeeds again.
    @discardableResult
    func refresh() async -> [String] {
        let current: [DestinationPause]
        do {
            current = try await coordination.pauses()
        } catch {
            if Task.isCancelled || error is CancellationError { return [] }
            if reads.failed() {
                logger.warning("cannot read the paused destinations; using the last known", metadata: ["tg.error": "\(error)"])
            }
            return []
        }
        reads.succeeded()
        return state.withLock { state in
            let fresh = Dictionary(current.map { ($0.destination, $0) }, uniquingKeysWith: { first, _ in first })
            let resumed = state.pauses.keys.filter { fresh[$0] == nil }.sorted()
            state.pauses = fresh
            state.probing.formIntersection(fresh.keys)
            return resumed
        }
    }

    /// Pauses `destination` for a refused credential, or pushes its next probe back when it is paused already.
    /// Returns when the probe is due (`nil` under an operator's pause) and whether the destination was running.
    func pauseForCredential(_ destination: String, now: Date) async -> (probeAt: Date?, isNew: Bool) {
        let probeAt = now.addingTimeInterval(probeInterval.seconds)
        let change = state.withLock { state -> (pause: DestinationPause?, isNew: Bool) in
            if let existing = state.pauses[destination], existing.reason == .operatorPaused { return (nil, false) }
            let pause = DestinationPause(
                destination: destination, reason: .credentialRefused, since: state.pauses[destination]?.since ?? now, probeAt: probeAt)
            let isNew = state.pauses[destination] == nil
            state.pauses[destination] = pause
            state.probing.remove(destination)
            return (pause, isNew)
        }
        guard let pause = change.pause else { return (nil, false) }
        await save(pause)
        return (probeAt, change.isNew)
    }

    /// Pauses `destination` until an operator resumes it; true when it was running.
    func pauseForOperator(_ destination: String, now: Date) async -> Bool {
        let pause = DestinationPause(destination: destination, reason: .operatorPaused, since: now, probeAt: nil)
        let wasRunning = state.withLock { state in
            let wasRunning = state.pauses[destination] == nil
            state.pauses[destination] = pause
            return wasRunning
        }
        await save(pause)
        return wasRunning
    }

    /// The credential pauses whose probe is due, each marked as probing so this instance probes it once.
    func takeDueProbes(now: Date) -> [String] {
        state.withLock { state in
            let due = state.pauses.values.filter { pause in
                !state.probing.contains(pause.destination) && pause.probeAt.map { $0 <= now } == true
            }.map(\.destination).sorted()
            state.probing.formUnion(due)
            return due
        }
    }

    /// A probe that found nothing to send: probe again after another interval.
    func postponeProbe(of destination: String, now: Date) async -> Date? {
        let probeAt = now.addingTimeInterval(probeInterval.seconds)
        let pause = state.withLock { state -> DestinationPause? in
            state.probing.remove(destination)
            guard var pause = state.pauses[destination], pause.reason == .credentialRefused else { return nil }
            pause.probeAt = probeAt
            state.pauses[destination] = pause
            return pause
        }
        guard let pause else { return nil }
        await save(pause)
        return probeAt
    }

    /// Ends a credential pause after an attempt got past the credential; true when it was paused so. Only a
    /// pause this instance knows of (its own, or one read in the last second) is ended: an attempt to a running
    /// destination, the usual case, costs the coordination nothing.
    func resumeAfterProbe(_ destination: String) async -> Bool {
        guard state.withLock({ $0.pauses[destination]?.reason == .credentialRefused }) else { return false }
        return await remove(destination, reasons: [.credentialRefused])
    }

    /// Resumes `destination` whatever paused it; true when it was paused.
    func resume(_ destination: String) async -> Bool {
        await remove(destination, reasons: [.credentialRefused, .operatorPaused])
    }

    /// Resumes every credential pause, returning the destinations that were paused so.
    func resumeCredentialPauses() async -> [String] {
        await refresh()
        var resumed: [String] = []
        for (destination, pause) in paused.sorted(by: { $0.key < $1.key }) where pause.reason == .credentialRefused {
            if await remove(destination, reasons: [.credentialRefused]) { resumed.append(destination) }
        }
        return resumed
    }

    private func remove(_ destination: String, reasons: Set<DestinationPause.Reason>) async -> Bool {
        let local = state.withLock { state in
            guard let pause = state.pauses[destination], reasons.contains(pause.reason) else { return false }
            state.pauses[destination] = nil
            state.probing.remove(destination)
            return true
        }
        do {
            return try await coordination.removePause(destination: destination, reasons: reasons) || local
        } catch {
            logger.error(
                "cannot resume a destination for the other instances", metadata: ["tg.destination": "\(destination)", "tg.error": "\(error)"])
            return local
        }
    }

    private func save(_ pause: DestinationPause) async {
        do {
            try await coordination.savePause(pause)
        } catch {
            logger.error(
                "cannot pause a destination for the other instances", metadata: ["tg.destination": "\(pause.destination)", "tg.error": "\(error)"])
        }
    }
}
