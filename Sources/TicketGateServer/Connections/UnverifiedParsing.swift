import Foundation
import Synchronization

/// How many bodies the gateway parses at once before their sender is authenticated (Mailgun signs fields of
/// its form, so its body is parsed first): at most one core's worth, so unsigned uploads can never take every
/// core from `/healthz` and from authenticated requests. A request that finds no place is answered `503`
/// with `Retry-After` at once, never queued.
final class UnverifiedParsing: Sendable {
    let capacity: Int
    private let running = Mutex(0)

    init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    /// One fewer than the cores, and at least one.
    convenience init() {
        self.init(capacity: max(1, ProcessInfo.processInfo.activeProcessorCount - 1))
    }

    /// Runs `work` in a place of its own, or returns `nil` without running it when every place is taken.
    func run<T, Failure: Error>(_ work: () throws(Failure) -> T) throws(Failure) -> T? {
        guard occupy() else { return nil }
        defer { release() }
        return try work()
    }

    /// True while every place is taken: a request whose body would wait for one is refused before it is read.
    var isFull: Bool { running.withLock { $0 >= capacity } }

    /// Takes a place, if one is free, and holds it until `release`.
    func occupy() -> Bool {
        running.withLock { running in
            guard running < capacity else { return false }
            running += 1
            return true
        }
    }

    func release() {
        running.withLock { $0 -= 1 }
    }
}
