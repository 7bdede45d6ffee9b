import Synchronization
import TicketGateCore

/// Per-source limits on how often one client address may post: a bucket per (source, address) that holds up
/// to the limit's request count and refills evenly over its period. Memory is bounded: past `capacity`
/// tracked clients, buckets that have refilled are forgotten first (they hold nothing a new bucket would
/// not), then the longest idle.
final class ClientRateLimiter: Sendable {
    private struct Key: Hashable {
        let source: String
        let address: String
    }

    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
        let full: Double
        let perSecond: Double

        func tokens(at now: ContinuousClock.Instant) -> Double {
            min(full, tokens + (now - updated).seconds * perSecond)
        }
    }

    private let buckets = Mutex<[Key: Bucket]>([:])
    private let capacity: Int
    private let now: @Sendable () -> ContinuousClock.Instant

    init(capacity: Int = 10_000, now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        precondition(capacity > 0)
        self.capacity = capacity
        self.now = now
    }

    /// Takes one request from the client's bucket; `nil` when allowed, otherwise how long until it would be.
    func admit(source: String, address: String, limit: RateLimit) -> Duration? {
        let now = now()
        let key = Key(source: source, address: address)
        let perSecond = Double(limit.requests) / limit.period.seconds
        return buckets.withLock { buckets in
            let full = Double(limit.requests)
            var bucket = buckets[key] ?? Bucket(tokens: full, updated: now, full: full, perSecond: perSecond)
            if bucket.full != full || bucket.perSecond != perSecond {
                // The rules changed the limit: start the client afresh under the new one.
                bucket = Bucket(tokens: full, updated: now, full: full, perSecond: perSecond)
            }
            bucket.tokens = bucket.tokens(at: now)
            bucket.updated = now
            guard bucket.tokens >= 1 else {
                buckets[key] = bucket
                return .seconds((1 - bucket.tokens) / perSecond)
            }
            bucket.tokens -= 1
            if buckets[key] == nil, buckets.count >= capacity {
                Self.makeRoom(in: &buckets, capacity: capacity, now: now)
            }
            buckets[key] = bucket
            return nil
        }
    }

    /// How long until the client's bucket holds a request again, without taking one; `nil` when it holds one now.
    func wait(source: String, address: String, limit: RateLimit) -> Duration? {
        let now = now()
        let perSecond = Double(limit.requests) / limit.period.seconds
        return buckets.withLock { buckets in
            guard let bucket = buckets[Key(source: source, address: address)], bucket.full == Double(limit.requests),
                bucket.perSecond == perSecond
            else { return nil }
            let tokens = bucket.tokens(at: now)
            return tokens >= 1 ? nil : .seconds((1 - tokens) / perSecond)
        }
    }

    /// The number of clients tracked now.
    var trackedClients: Int { buckets.withLock { $0.count } }

    private static func makeRoom(in buckets: inout [Key: Bucket], capacity: Int, now: ContinuousClock.Instant) {
        buckets = buckets.filter { $0.value.tokens(at: now) < $0.value.full }
        let target = capacity - max(1, capacity / 10)
        guard buckets.count > target else { return }
        let idlest = buckets.sorted { $0.value.updated < $1.value.updated }.prefix(buckets.count - target)
        for (key, _) in idlest {
            buckets[key] = nil
        }
    }
}
