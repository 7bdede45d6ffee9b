import Foundation

/// Wakes the delivery worker: when an event is stored, an attempt ends, the poll interval passes, or a time
/// asked for with `signal(after:)` comes. Signals that arrive while the worker is busy collapse into one.
final class DeliveryWakeup: Sendable {
    let signals: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation
    /// The delays asked for, for the worker's timer task to wait out.
    let timers: AsyncStream<Duration>
    private let timersContinuation: AsyncStream<Duration>.Continuation

    init() {
        (signals, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        (timers, timersContinuation) = AsyncStream.makeStream(of: Duration.self)
    }

    func signal() {
        continuation.yield()
    }

    /// Signals once `delay` has passed, such as when a paused destination's probe falls due.
    func signal(after delay: Duration) {
        timersContinuation.yield(delay)
    }

    /// Ends the worker's loop; attempts already running finish.
    func finish() {
        continuation.finish()
        timersContinuation.finish()
    }
}
