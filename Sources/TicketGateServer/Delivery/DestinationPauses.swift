import Foundation
import Synchronization
import TicketGateCore

/// The paused destinations. A destination whose vendor refused the credential pauses by itself: its
/// deliveries wait instead of failing, and every `probeInterval` one of them is let through as a probe; the
/// first attempt that gets past the credential resumes it. An operator can pause a destination too; that
/// pause has no probe and lasts until the operator resumes it. A rules reload resumes the credential pauses:
/// it is how an operator says the credential was fixed.
final class DestinationPauses: Sendable {
    /// Why a destination is paused, and since when.
    struct Pause: Sendable, Equatable {
        enum Reason: String, Sendable, Codable {
            case credentialRefused = "credential_refused"
            case operatorPaused = "operator"
        }

        var reason: Reason
        var since: Date
        /// When the next probe may go; `nil` for an operator's pause.
        var probeAt: Date?
        var probing = false
    }

    let probeInterval: Duration
    private let pauses = Mutex<[String: Pause]>([:])

    init(probeInterval: Duration) {
        self.probeInterval = probeInterval
    }

    /// Pauses `destination` for a refused credential, or pushes its next probe back when it is paused already.
    /// Returns when the probe is due (`nil` under an operator's pause) and whether the destination was running.
    func pauseForCredential(_ destination: String, now: Date) -> (probeAt: Date?, isNew: Bool) {
        let probeAt = now.addingTimeInterval(probeInterval.seconds)
        return pauses.withLock { pauses in
            if let existing = pauses[destination], existing.reason == .operatorPaused { return (nil, false) }
            let isNew = pauses[destination] == nil
            pauses[destination] = Pause(reason: .credentialRefused, since: pauses[destination]?.since ?? now, probeAt: probeAt)
            return (probeAt, isNew)
        }
    }

    /// Pauses `destination` until an operator resumes it; true when it was running.
    func pauseForOperator(_ destination: String, now: Date) -> Bool {
        pauses.withLock { pauses in
            let wasRunning = pauses[destination] == nil
            pauses[destination] = Pause(reason: .operatorPaused, since: now, probeAt: nil)
            return wasRunning
        }
    }

    /// The destinations paused now, with why.
    var paused: [String: Pause] {
        pauses.withLock { $0 }
    }

    /// The credential pauses whose probe is due, each marked as probing so it is probed once.
    func takeDueProbes(now: Date) -> [String] {
        pauses.withLock { pauses in
            let due = pauses.filter { pause in !pause.value.probing && pause.value.probeAt.map { $0 <= now } == true }.keys.sorted()
            for destination in due { pauses[destination]?.probing = true }
            return due
        }
    }

    /// A probe that found nothing to send: probe again after another interval.
    func postponeProbe(of destination: String, now: Date) -> Date? {
        pauses.withLock { pauses in
            guard pauses[destination]?.reason == .credentialRefused else { return nil }
            let probeAt = now.addingTimeInterval(probeInterval.seconds)
            pauses[destination]?.probeAt = probeAt
            pauses[destination]?.probing = false
            return probeAt
        }
    }

    /// Ends a credential pause after an attempt got past the credential; true when it was paused so.
    func resumeAfterProbe(_ destination: String) -> Bool {
        pauses.withLock { pauses in
            guard pauses[destination]?.reason == .credentialRefused else { return false }
            pauses[destination] = nil
            return true
        }
    }

    /// Resumes `destination` whatever paused it; true when it was paused.
    func resume(_ destination: String) -> Bool {
        pauses.withLock { $0.removeValue(forKey: destination) != nil }
    }

    /// Resumes every credential pause, returning the destinations that were paused so.
    func resumeCredentialPauses() -> [String] {
        pauses.withLock { pauses in
            let resumed = pauses.filter { $0.value.reason == .credentialRefused }.keys.sorted()
            for destination in resumed { pauses[destination] = nil }
            return resumed
        }
    }
}
