import Synchronization
import Testing
import TicketGateCore

@testable import TicketGateServer

/// The per-client limiter: a bucket per source and address that refills over the period, in bounded memory.
@Suite struct ClientRateLimiterTests {
    final class Clock: Sendable {
        private let instant = Mutex(ContinuousClock.now)
        var now: ContinuousClock.Instant { instant.withLock { $0 } }
        func advance(by duration: Duration) { instant.withLock { $0 += duration } }
    }

    @Test func aClientGetsItsAllowanceBackOverThePeriod() {
        let clock = Clock()
        let limiter = ClientRateLimiter(now: { clock.now })
        let limit = RateLimit(requests: 2, per: .seconds(60))
        #expect(limiter.admit(source: "website", address: "203.0.113.7", limit: limit) == nil)
        #expect(limiter.admit(source: "website", address: "203.0.113.7", limit: limit) == nil)
        let wait = limiter.admit(source: "website", address: "203.0.113.7", limit: limit)
        #expect(wait == .seconds(30))
        // Other sources and other addresses keep their own allowance.
        #expect(limiter.admit(source: "chat", address: "203.0.113.7", limit: limit) == nil)
        #expect(limiter.admit(source: "website", address: "198.51.100.1", limit: limit) == nil)
        clock.advance(by: .seconds(30))
        #expect(limiter.admit(source: "website", address: "203.0.113.7", limit: limit) == nil)
        #expect(limiter.admit(source: "website", address: "203.0.113.7", limit: limit) != nil)
    }

    @Test func manyAddressesNeverGrowItPastItsCapacity() {
        let clock = Clock()
        let limiter = ClientRateLimiter(capacity: 100, now: { clock.now })
        let limit = RateLimit(requests: 5, per: .seconds(60))
        for index in 0..<1_000 {
            _ = limiter.admit(source: "website", address: "10.0.\(index / 256).\(index % 256)", limit: limit)
            #expect(limiter.trackedClients <= 100)
        }
        // A client that spent its allowance a moment ago is among the recent ones, so it is still limited.
        for _ in 0..<5 { _ = limiter.admit(source: "website", address: "203.0.113.7", limit: limit) }
        #expect(limiter.admit(source: "website", address: "203.0.113.7", limit: limit) != nil)
    }
}
