import Synchronization
import TicketGateCore

/// Keeps the requests to one destination within its rate limit, a vendor's `Retry-After` and its concurrency.
/// Requests past the limit are not refused: each takes the destination's next time slot (`interval` after the
/// one before, on every instance sharing the coordination) and waits for it, so a burst is spread out in
/// arrival order; at most `concurrency` requests are in flight from this instance.
package final class RequestPacer<C: Clock>: Sendable where C.Duration == Duration {
    private struct State {
        var inFlight = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    let destination: String
    let rateLimit: RateLimit?
    let concurrency: Int?
    let schedule: any InstanceCoordination
    private let clock: C
    private let state = Mutex(State())

    package init(destination: String, rateLimit: RateLimit?, concurrency: Int?, schedule: any InstanceCoordination, clock: C) {
        self.destination = destination
        self.rateLimit = rateLimit
        self.concurrency = concurrency.map { max(1, $0) }
        self.schedule = schedule
        self.clock = clock
    }

    /// Requests waiting for a concurrency slot.
    var waitingForSlot: Int { state.withLock { $0.waiting.count } }

    /// The longest a request waits for its slot inside an attempt; a turn further off defers the attempt.
    static var maximumWait: Duration { .seconds(30) }

    /// Runs `request` in its turn: after a concurrency slot is free and its time slot has come. Throws
    /// `RequestDeferred` when the destination's next slot is more than `maximumWait` away.
    package func paced<T>(_ request: () async throws -> T) async throws -> T {
        await enter()
        defer { leave() }
        let turn = try await schedule.reserveRequestSlot(
            destination: destination, interval: rateLimit.map(Self.slotInterval) ?? .zero, maximumWait: Self.maximumWait)
        switch turn {
        case .granted(let wait) where wait > .zero:
            try await clock.sleep(for: wait)
        case .granted:
            break
        case .deferred(let delay):
            throw RequestDeferred(delay: delay)
        }
        return try await request()
    }

    /// The time between two slots: 2 % more than the limit's own spacing. A request leaves a little after its
    /// slot (a busy machine, the way to the vendor); were slots exactly `period / requests` apart, one request
    /// leaving late and a later one on time would put one more than the limit in a window at the vendor.
    static func slotInterval(_ limit: RateLimit) -> Duration {
        limit.interval + limit.interval / 50
    }

    /// Sends nothing more to the destination for `delay`, from any instance.
    func hold(for delay: Duration) async throws {
        try await schedule.holdRequests(destination: destination, for: delay)
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
