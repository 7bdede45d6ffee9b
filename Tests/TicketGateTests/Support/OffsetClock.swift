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

extension OffsetClock {
    /// The same time as a `Clock`, for the coordination's request schedule: a `Retry-After` hold ends when
    /// the test moves the clock past it, as the retry it goes with does.
    struct Timeline: Clock {
        struct Instant: InstantProtocol {
            var date: Date

            func advanced(by duration: Duration) -> Instant {
                Instant(date: date.addingTimeInterval(Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18))
            }

            func duration(to other: Instant) -> Duration {
                .milliseconds(Int64((other.date.timeIntervalSince(date) * 1000).rounded()))
            }

            static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.date < rhs.date }
        }

        let clock: OffsetClock

        var now: Instant { Instant(date: clock.now) }
        var minimumResolution: Duration { .milliseconds(1) }

        func sleep(until deadline: Instant, tolerance: Duration?) async throws {
            try await Task.sleep(for: now.duration(to: deadline))
        }
    }

    var timeline: Timeline { Timeline(clock: self) }
}
