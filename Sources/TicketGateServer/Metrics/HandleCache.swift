import Synchronization

/// Metric handles made once each, by key. Making a handle goes through the metrics library's own lookup
/// under its lock; swift-prometheus also builds the series' full name and checks its help text each time,
/// about thirty allocations for each event counted. A handle once made is a dictionary lookup here.
final class HandleCache<Key: Hashable & Sendable, Handle: Sendable>: Sendable {
    private let made = Mutex<[Key: Handle]>([:])

    /// The handle of `key`, made by `make` the first time.
    func handle(_ key: Key, make: (Key) -> Handle) -> Handle {
        made.withLock { made in
            if let handle = made[key] { return handle }
            let handle = make(key)
            made[key] = handle
            return handle
        }
    }
}
