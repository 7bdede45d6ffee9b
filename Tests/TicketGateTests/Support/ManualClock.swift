import Synchronization

/// A clock that moves only when a test advances it, so code that waits for time can be tested without waiting.
/// `sleepers` reports how many sleeps are pending each time one starts, so a test knows when every task it
/// started has reached its wait.
final class ManualClock: Clock, Sendable {
    struct Instant: InstantProtocol {
        var offset: Duration

        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private struct State {
        var now = Instant(offset: .zero)
        var sleeping: [(deadline: Instant, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let state = Mutex(State())
    let sleepers: AsyncStream<Int>
    private let sleepersContinuation: AsyncStream<Int>.Continuation

    init() {
        (sleepers, sleepersContinuation) = AsyncStream.makeStream(of: Int.self)
    }

    var now: Instant { state.withLock { $0.now } }
    var minimumResolution: Duration { .zero }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        await withCheckedContinuation { continuation in
            let (due, count) = state.withLock { state -> (Bool, Int) in
                guard deadline > state.now else { return (true, state.sleeping.count) }
                state.sleeping.append((deadline, continuation))
                return (false, state.sleeping.count)
            }
            if due {
                continuation.resume()
            } else {
                sleepersContinuation.yield(count)
            }
        }
    }

    /// Moves the clock on and wakes every sleep whose deadline has come.
    func advance(by duration: Duration) {
        let woken = state.withLock { state in
            state.now = state.now.advanced(by: duration)
            let now = state.now
            let due = state.sleeping.filter { $0.deadline <= now }
            state.sleeping.removeAll { $0.deadline <= now }
            return due.map(\.continuation)
        }
        for continuation in woken { continuation.resume() }
    }
}
