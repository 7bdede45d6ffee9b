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
        let pacer = RequestPacer(rateLimit: RateLimit(requests: 2, per: .seconds(1)), concurrency: nil, clock: clock)
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
                clock.advance(by: .milliseconds(500))
                _ = await done.next()
            }
            try await group.waitForAll()
        }
        #expect(started.values == [.zero, .milliseconds(500), .seconds(1), .milliseconds(1500), .seconds(2)])
    }

    @Test func aQuietDestinationSendsAtOnce() async throws {
        let clock = ManualClock()
        let pacer = RequestPacer(rateLimit: RateLimit(requests: 60, per: .seconds(60)), concurrency: nil, clock: clock)
        try await pacer.paced {}
        clock.advance(by: .seconds(5))
        // Five seconds later the next slot has long passed: no wait, so the clock need not move.
        let at = try await pacer.paced { clock.now.offset }
        #expect(at == .seconds(5))
    }

    @Test func aConcurrencyLimitAdmitsOneRequestAtATime() async throws {
        let pacer = RequestPacer(rateLimit: nil, concurrency: 1, clock: ManualClock())
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
        let registry = PacerRegistry()
        let initdesk = DestinationDefinition(
            name: "support", vendor: InitdeskVendor.profile, baseURL: "https://api.initdesk.com", settings: ["organization": .integer(42)])
        let pacer = registry.pacer(for: initdesk)
        #expect(pacer?.rateLimit == RateLimit(requests: 60, per: .seconds(60)))
        #expect(registry.pacer(for: initdesk) === pacer)

        var faster = initdesk
        faster.rateLimit = RateLimit(requests: 120, per: .seconds(60))
        #expect(registry.pacer(for: faster) !== pacer)
        #expect(registry.pacer(for: DestinationDefinition(name: "spp", vendor: SPPVendor.profile, baseURL: "https://a.spp.co")) == nil)
    }
}
