import Synchronization

/// The registry's series the gateway records into, each made once. Making a series in swift-prometheus
/// builds its full name from the descriptor, checks its help text and looks it up under the registry's lock:
/// about thirty allocations for each event counted, where a series once made is a dictionary lookup here.
final class SeriesCache<Series: AnyObject & Sendable>: Sendable {
    /// A series: its metric's name and its labels' values.
    struct Key: Hashable, Sendable {
        let metric: String
        let values: [String]

        init(_ metric: String, labels: [(String, String)]) {
            self.metric = metric
            values = labels.map(\.1)
        }
    }

    private let made = Mutex<[Key: Series]>([:])

    /// The series of `key`, made by `make` the first time.
    func series(_ key: Key, make: () -> Series) -> Series {
        made.withLock { made in
            if let series = made[key] { return series }
            let series = make()
            made[key] = series
            return series
        }
    }
}
