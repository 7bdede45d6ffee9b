import Synchronization

/// Mutual exclusion per key, for steps that must not run twice at once for the same thing: two events from
/// one new customer must not both find no client and both create one.
package final class KeyedLock: Sendable {
    /// The keys held, each with the tasks waiting for it in arrival order.
    package init() {}

    private let held = Mutex<[String: [CheckedContinuation<Void, Never>]]>([:])

    /// Waits until `key` is free and takes it.
    package func lock(_ key: String) async {
        await withCheckedContinuation { continuation in
            let acquired = held.withLock { held in
                guard held[key] != nil else {
                    held[key] = []
                    return true
                }
                held[key]?.append(continuation)
                return false
            }
            if acquired { continuation.resume() }
        }
    }

    /// Releases `key`, handing it straight to the next waiter, if any.
    package func unlock(_ key: String) {
        let next = held.withLock { held -> CheckedContinuation<Void, Never>? in
            guard var waiters = held[key], !waiters.isEmpty else {
                held[key] = nil
                return nil
            }
            let next = waiters.removeFirst()
            held[key] = waiters
            return next
        }
        next?.resume()
    }
}
