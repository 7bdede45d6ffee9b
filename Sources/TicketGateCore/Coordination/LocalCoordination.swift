import Foundation
import Synchronization

/// The coordination of one process alone, kept in memory: the embedded SQLite store allows one instance, so
/// there is no one else to agree with.
package final class LocalCoordination<C: Clock>: InstanceCoordination where C.Duration == Duration {
    private struct State {
        /// Each destination's earliest moment for its next request.
        var nextSlot: [String: C.Instant] = [:]
        var pauses: [String: DestinationPause] = [:]
        var instance: GatewayInstance?
    }

    private let clock: C
    private let state = Mutex(State())
    private let locks = KeyedLock()

    package init(clock: C) {
        self.clock = clock
    }

    package func reserveRequestSlot(destination: String, interval: Duration, maximumWait: Duration) async throws -> RequestTurn {
        let now = clock.now
        return state.withLock { state in
            let slot = state.nextSlot[destination].map { max($0, now) } ?? now
            let wait = now.duration(to: slot)
            guard wait <= maximumWait else { return .deferred(for: wait) }
            if interval > .zero {
                state.nextSlot[destination] = slot.advanced(by: interval)
            }
            return .granted(wait: wait)
        }
    }

    package func holdRequests(destination: String, for delay: Duration) async throws {
        let until = clock.now.advanced(by: delay)
        state.withLock { state in
            state.nextSlot[destination] = state.nextSlot[destination].map { max($0, until) } ?? until
        }
    }

    package func withExclusiveLock<T>(_ key: String, _ body: () async throws -> T) async throws -> T {
        await locks.lock(key)
        defer { locks.unlock(key) }
        return try await body()
    }

    package func pauses() async throws -> [DestinationPause] {
        state.withLock { $0.pauses.values.sorted { $0.destination < $1.destination } }
    }

    package func savePause(_ pause: DestinationPause) async throws {
        state.withLock { $0.pauses[pause.destination] = pause }
    }

    package func removePause(destination: String, reasons: Set<DestinationPause.Reason>) async throws -> Bool {
        state.withLock { state in
            guard let pause = state.pauses[destination], reasons.contains(pause.reason) else { return false }
            state.pauses[destination] = nil
            return true
        }
    }

    package func heartbeat(_ instance: GatewayInstance) async throws {
        state.withLock { $0.instance = instance }
    }

    package func instances() async throws -> [GatewayInstance] {
        state.withLock { $0.instance.map { [$0] } ?? [] }
    }

    package func forgetInstances(silentSince cutoff: Date) async throws {
        state.withLock { state in
            if let instance = state.instance, instance.heartbeatAt < cutoff { state.instance = nil }
        }
    }

    package func outboxSignals() -> AsyncStream<Void> {
        AsyncStream { $0.finish() }
    }
}

extension LocalCoordination where C == ContinuousClock {
    package convenience init() {
        self.init(clock: ContinuousClock())
    }
}
