import Synchronization

/// Counts the attempts running, so the worker never runs more than its concurrency allows.
final class AttemptSlots: Sendable {
    let capacity: Int
    private let used = Mutex(0)

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The slots free now.
    var free: Int {
        capacity - used.withLock { $0 }
    }

    /// The attempts running now.
    var running: Int {
        used.withLock { $0 }
    }

    func take(_ count: Int) {
        used.withLock { $0 += count }
    }

    func release() {
        used.withLock { $0 -= 1 }
    }
}
