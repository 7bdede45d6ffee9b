import Synchronization
import TicketGateCore

/// Keeps the requests to one destination within its rate limit and concurrency. Requests past the limit are
/// not refused: each takes the next free time slot (`interval` after the one before) and waits for it, so a
/// burst is spread out in arrival order; at most `concurrency` requests are in flight.
public final class RequestPacer<C: Clock>: Sendable where C.Duration == Duration {
    private struct State {
        /// The earliest moment the next request may start.
        var nextSlot: C.Instant?
        var inFlight = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    let rateLimit: RateLimit?
    let concurrency: Int?
    private let clock: C
    private let state = Mutex(State())

    public init(rateLimit: RateLimit?, concurrency: Int?, clock: C) {
        self.rateLimit = rateLimit
        self.concurrency = concurrency.map { max(1, $0) }
        self.clock = clock
    }

    /// Requests waiting for a concurrency slot.
    var waitingForSlot: Int { state.withLock { $0.waiting.count } }

    /// Runs `request` in its turn: after a concurrency slot is free and its time slot has come.
    public func paced<T>(_ request: () async throws -> T) async throws -> T {
        await enter()
        defer { leave() }
        if let slot = reserveSlot() {
            try await clock.sleep(until: slot, tolerance: nil)
        }
        return try await request()
    }

    /// Takes the next time slot; returns it when it is still to come.
    private func reserveSlot() -> C.Instant? {
        guard let interval = rateLimit?.interval else { return nil }
        let now = clock.now
        return state.withLock { state in
            let slot = state.nextSlot.map { max($0, now) } ?? now
            state.nextSlot = slot.advanced(by: interval)
            return slot > now ? slot : nil
        }
    }

    private func enter() async {
        guard let concurrency else { return }
        await withCheckedContinuation { continuation in
            let admitted = state.withLock { state in
                guard state.inFlight < concurrency else {
                    state.waiting.append(continuation)
                    return false
                }
                state.inFlight += 1
                return true
            }
            if admitted { continuation.resume() }
        }
    }

    private func leave() {
        guard concurrency != nil else { return }
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiting.isEmpty else {
                state.inFlight -= 1
                return nil
            }
            // The slot passes straight to the next waiter.
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
