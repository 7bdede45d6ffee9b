/// Wakes the delivery worker: when an event is stored, an attempt ends, or the poll interval passes.
/// Signals that arrive while the worker is busy collapse into one.
final class DeliveryWakeup: Sendable {
    let signals: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (signals, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    func signal() {
        continuation.yield()
    }

    /// Ends the worker's loop; attempts already running finish.
    func finish() {
        continuation.finish()
    }
}
