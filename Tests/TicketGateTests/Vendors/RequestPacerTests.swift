import Testing
import TicketGateCore

@testable import TicketGateVendors

/// The per-destination rate limit and concurrency: a burst above the limit waits its turn instead of being
/// refused, each request a fixed interval after the one before; a concurrency limit admits requests one by
/// one; and each destination keeps its pacer across rules reloads, with Initdesk's documented 60 a minute by
/// default.
@Suite struct RequestPacerTests {
    @Test func aBurstAboveTheLimitIsSpreadOutNotRejected() async throws {
        let clock = ManualClock()
        let pacer = RequestPacer(
            destination: "d", rateLimit: RateLimit(requests: 2, per: .seconds(1)), concurrency: nil, schedule: LocalCoordination(clock: clock),
            clock: clock)
        let started = Recorded<Duration>()
        let (completed, completion) = AsyncStream.makeStream(of: Void.self)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<5 {
                group.addTask {
                    try await pacer.paced { started.append(clock.now.offset) }
                    completion.yield()
                }
            }
            var done = completed.makeAsyncIterator()
            // One request goes at once; the four others each take the next slot and wait for it.
            _ = await done.next()
            _ = try await clock.sleepers.first { $0 == 4 }
            for _ in 0..<4 {
                clock.advance(by: .milliseconds(510))
                _ = await done.next()
            }
            try await group.waitForAll()
        }
        // 2 % above the limit's 500 ms, so a request leaving late cannot put three in a second at the vendor.
        #expect(started.values == [.zero, .milliseconds(510), .milliseconds(1020), .milliseconds(1530), .milliseconds(2040)])
    }

    @Test func aQuietDestinationSendsAtOnce() async throws {
        let clock = ManualClock()
        let pacer = RequestPacer(
            destination: "d", rateLimit: RateLimit(requests: 60, per: .seconds(60)), concurrency: nil, schedule: LocalCoordination(clock: clock),
            clock: clock)
        try await pacer.paced {}
        clock.advance(by: .seconds(5))
        // Five seconds later the next slot has long passed: no wait, so the clock need not move.
        let at = try await pacer.paced { clock.now.offset }
        #expect(at == .seconds(5))
    }

    @Test func aConcurrencyLimitAdmitsOneRequestAtATime() async throws {
        let clock = ManualClock()
        let pacer = RequestPacer(destination: "d", rateLimit: nil, concurrency: 1, schedule: LocalCoordination(clock: clock), clock: clock)
        let (gate, opener) = AsyncStream.makeStream(of: Void.self)
        let (entered, enteredContinuation) = AsyncStream.makeStream(of: String.self)
        let order = Recorded<String>()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await pacer.paced {
                    order.append("first in")
                    enteredContinuation.yield("first")
                    for await _ in gate { break }
                    order.append("first out")
                }
            }
            _ = try await entered.first { $0 == "first" }
            group.addTask {
                try await pacer.paced { order.append("second in") }
            }
            // The second request queues for the one slot; only then does the first finish.
            try await withTimeout {
                while pacer.waitingForSlot == 0 { await Task.yield() }
            }
            opener.yield()
            try await group.waitForAll()
        }
        #expect(order.values == ["first in", "first out", "second in"])
    }

    @Test func eachDestinationKeepsItsPacerAcrossReloads() {
        let registry = PacerRegistry(schedule: LocalCoordination())
        let initdesk = DestinationDefinition(
            name: "support", vendor: InitdeskVendor.profile, baseURL: "https://api.initdesk.com", settings: ["organization": .integer(42)])
        let pacer = registry.pacer(for: initdesk)
        #expect(pacer.rateLimit == RateLimit(requests: 60, per: .seconds(60)))
        #expect(registry.pacer(for: initdesk) === pacer)

        var faster = initdesk
        faster.rateLimit = RateLimit(requests: 120, per: .seconds(60))
        #expect(registry.pacer(for: faster) !== pacer)
        let spp = registry.pacer(for: DestinationDefinition(name: "spp", vendor: SPPVendor.profile, baseURL: "https://a.spp.co"))
        #expect(spp.rateLimit == nil && spp.concurrency == nil)
    }

    /// Two pacers on one coordination are two instances sharing a store: the slots interleave, so together they
    /// stay within the one limit.
    @Test func pacersSharingACoordinationShareTheLimit() async throws {
        let clock = ManualClock()
        let shared = LocalCoordination(clock: clock)
        let limit = RateLimit(requests: 1, per: .seconds(1))
        let first = RequestPacer(destination: "d", rateLimit: limit, concurrency: nil, schedule: shared, clock: clock)
        let second = RequestPacer(destination: "d", rateLimit: limit, concurrency: nil, schedule: shared, clock: clock)
        let other = RequestPacer(destination: "e", rateLimit: limit, concurrency: nil, schedule: shared, clock: clock)
        #expect(try await first.paced { clock.now.offset } == .zero)
        #expect(try await other.paced { clock.now.offset } == .zero, "another destination has its own slots")
        async let secondStarted = second.paced { clock.now.offset }
        _ = try await clock.sleepers.first { $0 == 1 }
        clock.advance(by: .milliseconds(1020))
        #expect(try await secondStarted == .milliseconds(1020), "the second instance's request takes the slot after the first's")
    }

    /// A vendor's Retry-After holds the destination: the next request, whatever its rate limit, waits it out;
    /// one further off than a request may wait is deferred without taking a slot.
    @Test func aRetryAfterHoldsEveryRequestToTheDestination() async throws {
        let clock = ManualClock()
        let shared = LocalCoordination(clock: clock)
        try await shared.holdRequests(destination: "d", for: .seconds(20))
        #expect(try await shared.reserveRequestSlot(destination: "d", interval: .zero, maximumWait: .seconds(30)) == .granted(wait: .seconds(20)))
        #expect(
            try await shared.reserveRequestSlot(destination: "d", interval: .seconds(1), maximumWait: .seconds(10)) == .deferred(for: .seconds(20)))
        #expect(try await shared.reserveRequestSlot(destination: "e", interval: .zero, maximumWait: .zero) == .granted(wait: .zero))
        clock.advance(by: .seconds(20))
        // The deferred request took no slot: the next one goes at once.
        #expect(try await shared.reserveRequestSlot(destination: "d", interval: .seconds(1), maximumWait: .zero) == .granted(wait: .zero))
    }
}
