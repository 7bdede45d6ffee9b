import Foundation
import Synchronization
import TicketGateCore

/// The destinations whose vendor refused the credential. Their deliveries wait instead of failing; every
/// `probeInterval` one of them is let through as a probe, and the first attempt that gets past the
/// credential resumes the destination. A rules reload resumes every destination: it is how an operator says
/// the credential was fixed.
final class DestinationPauses: Sendable {
    private struct Pause {
        var probeAt: Date
        var probing = false
    }

    let probeInterval: Duration
    private let pauses = Mutex<[String: Pause]>([:])

    init(probeInterval: Duration) {
        self.probeInterval = probeInterval
    }

    /// Pauses `destination`, or pushes its next probe back when it is paused already. Returns when the probe
    /// is due and whether the destination was running until now.
    func pause(_ destination: String, now: Date) -> (probeAt: Date, isNew: Bool) {
        let probeAt = now.addingTimeInterval(probeInterval.seconds)
        return pauses.withLock { pauses in
            let isNew = pauses[destination] == nil
            pauses[destination] = Pause(probeAt: probeAt)
            return (probeAt, isNew)
        }
    }

    /// The destinations paused now.
    var paused: Set<String> {
        pauses.withLock { Set($0.keys) }
    }

    func isPaused(_ destination: String) -> Bool {
        pauses.withLock { $0[destination] != nil }
    }

    /// The paused destinations whose probe is due, each marked as probing so it is probed once.
    func takeDueProbes(now: Date) -> [String] {
        pauses.withLock { pauses in
            let due = pauses.filter { !$0.value.probing && $0.value.probeAt <= now }.keys.sorted()
            for destination in due { pauses[destination]?.probing = true }
            return due
        }
    }

    /// A probe that found nothing to send: probe again after another interval.
    func postponeProbe(of destination: String, now: Date) -> Date? {
        pauses.withLock { pauses in
            guard pauses[destination] != nil else { return nil }
            let probeAt = now.addingTimeInterval(probeInterval.seconds)
            pauses[destination] = Pause(probeAt: probeAt)
            return probeAt
        }
    }

    /// Resumes `destination`; true when it was paused.
    func resume(_ destination: String) -> Bool {
        pauses.withLock { $0.removeValue(forKey: destination) != nil }
    }

    /// Resumes every destination, returning the ones that were paused.
    func resumeAll() -> [String] {
        pauses.withLock { pauses in
            defer { pauses = [:] }
            return pauses.keys.sorted()
        }
    }
}
