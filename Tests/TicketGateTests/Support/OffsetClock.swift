import Foundation
import Synchronization

/// The real time plus an offset the test moves forward, so retries hours away fall due at once while
/// everything else keeps its real clock.
final class OffsetClock: Sendable {
    private let offset = Mutex<TimeInterval>(0)

    var now: Date { Date().addingTimeInterval(offset.withLock { $0 }) }

    /// Moves the clock on to at least `date`.
    func advance(to date: Date) {
        offset.withLock { offset in
            let gap = date.timeIntervalSince(Date().addingTimeInterval(offset))
            if gap > 0 { offset += gap }
        }
    }
}
