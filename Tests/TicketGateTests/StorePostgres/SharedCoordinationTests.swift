import Foundation
import Logging
import Synchronization
import Testing
import TicketGateCore
import TicketGateStorePostgres

/// The coordination two instances share through one PostgreSQL database: one request schedule per
/// destination, `Retry-After` holds, pauses, locks, the instance registry, lease renewal fenced by the claim,
/// and outbox wake-ups by `LISTEN`/`NOTIFY`.
@Suite(.enabled(if: PostgresServer.isAvailable, PostgresServer.skipReason))
struct SharedCoordinationTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// The wait of a granted turn; a deferral fails the test.
    func wait(_ turn: RequestTurn) throws -> Duration {
        guard case .granted(let wait) = turn else { throw HarnessError("expected a granted turn, got \(turn)") }
        return wait
    }

    @Test func bothInstancesTakeSlotsFromOneSchedule() async throws {
        try await PostgresServer.withTwoStores { first, second in
            let interval = Duration.seconds(100)
            let patient = Duration.seconds(1000)
            #expect(try wait(await first.reserveRequestSlot(destination: "initdesk", interval: interval, maximumWait: patient)) == .zero)
            // The second instance's request takes the next slot, about one interval on (less what time passed).
            let second1 = try wait(await second.reserveRequestSlot(destination: "initdesk", interval: interval, maximumWait: patient))
            #expect(second1 > .seconds(90) && second1 <= interval)
            let third = try wait(await first.reserveRequestSlot(destination: "initdesk", interval: interval, maximumWait: patient))
            #expect(third > .seconds(190) && third <= .seconds(200))
            // A request that will not wait that long takes no slot.
            let deferred = try await second.reserveRequestSlot(destination: "initdesk", interval: interval, maximumWait: .seconds(30))
            guard case .deferred(let delay) = deferred else { throw HarnessError("expected a deferral, got \(deferred)") }
            #expect(delay > .seconds(290) && delay <= .seconds(300))
            let fourth = try wait(await first.reserveRequestSlot(destination: "initdesk", interval: interval, maximumWait: patient))
            #expect(fourth > .seconds(290) && fourth <= .seconds(300))
            #expect(try wait(await second.reserveRequestSlot(destination: "spp", interval: interval, maximumWait: .zero)) == .zero)
        }
    }

    /// Readings of the schedule serve for an hour here: only the hold's notification can tell the other instance.
    @Test func aRetryAfterAtOneInstanceHoldsTheOther() async throws {
        try await PostgresServer.withTwoStores(timing: PostgresTiming(scheduleFreshness: .seconds(3600))) { first, second in
            // The second instance listens (its first outbox signal says so), then reads the schedule.
            _ = try await second.outboxSignals().first(within: .seconds(30)) { _ in true }
            let patient = Duration.seconds(1000)
            #expect(try wait(await second.reserveRequestSlot(destination: "spp", interval: .zero, maximumWait: patient)) == .zero)
            try await first.holdRequests(destination: "spp", for: .seconds(120))
            let held = try await withTimeout {
                while true {
                    try Task.checkCancellation()
                    let wait = try self.wait(await second.reserveRequestSlot(destination: "spp", interval: .zero, maximumWait: patient))
                    if wait > .zero { return wait }
                    await Task.yield()
                }
            }
            #expect(held > .seconds(110) && held <= .seconds(120))
            // A shorter hold never shortens a longer one.
            try await second.holdRequests(destination: "spp", for: .seconds(1))
            #expect(try wait(await first.reserveRequestSlot(destination: "spp", interval: .zero, maximumWait: patient)) > .seconds(110))
        }
    }

    /// A destination without a rate limit has its schedule read once per `scheduleFreshness`, not per request: a
    /// slot moved in the database without a notification is not seen while the reading serves, and is seen at
    /// once by a store whose readings do not serve at all.
    @Test func theScheduleIsReadOncePerFreshnessNotPerRequest() async throws {
        let location = try await PostgresServer.makeDatabase()
        let reading = try await PostgresEventStore(
            location: location, timing: PostgresTiming(scheduleFreshness: .seconds(3600)), logger: Logger(label: "reading"))
        let unread = try await PostgresEventStore(
            location: location, timing: PostgresTiming(scheduleFreshness: .zero), logger: Logger(label: "unread"))
        try await reading.whileRunning {
            try await unread.whileRunning {
                // Listening starts with every reading forgotten; the readings this test counts come after.
                _ = try await reading.outboxSignals().first(within: .seconds(30)) { _ in true }
                let patient = Duration.seconds(1000)
                #expect(try wait(await reading.reserveRequestSlot(destination: "spp", interval: .zero, maximumWait: patient)) == .zero)
                try await PostgresServer.withClient(location) { client in
                    try await client.query(
                        "INSERT INTO destination_schedule (destination, next_slot) VALUES ('spp', (extract(epoch FROM clock_timestamp()) * 1000)::bigint + 60000)"
                    )
                }
                #expect(try wait(await reading.reserveRequestSlot(destination: "spp", interval: .zero, maximumWait: patient)) == .zero)
                #expect(try wait(await unread.reserveRequestSlot(destination: "spp", interval: .zero, maximumWait: patient)) > .seconds(50))
            }
        }
    }

    @Test func aPauseAtOneInstanceIsSeenAndResumedAtTheOther() async throws {
        try await PostgresServer.withTwoStores { first, second in
            let pause = DestinationPause(destination: "spp", reason: .credentialRefused, since: start, probeAt: start.addingTimeInterval(60))
            try await first.savePause(pause)
            #expect(try await second.pauses() == [pause])
            #expect(try await !second.removePause(destination: "spp", reasons: [.operatorPaused]), "only the reasons named end a pause")
            #expect(try await second.removePause(destination: "spp", reasons: [.credentialRefused]))
            #expect(try await first.pauses().isEmpty)
        }
    }

    /// Sixteen holders on two instances: the first one in stays inside until the database shows the others waiting
    /// for its lock, and no holder ever finds another inside. Without the lock the others would come in (and the
    /// database would never show them waiting).
    @Test func anExclusiveLockIsHeldByOneInstanceAtATime() async throws {
        try await PostgresServer.withTwoStoresAndTheirDatabase { location, first, second in
            let holders = LockHolders()
            try await withTimeout {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<16 {
                        let store = index.isMultiple(of: 2) ? first : second
                        group.addTask {
                            try await store.withExclusiveLock("spp:client:jane@example.com") {
                                if holders.enter() == 1 {
                                    try await Self.waitForAdvisoryLockWaiters(atLeast: 8, at: location)
                                }
                                _ = try await store.pauses()
                                holders.leave()
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            }
            #expect(holders.entered == 16)
            #expect(!holders.crowded, "two holders were inside at once")
            // A lock on another key is free meanwhile.
            let taken = try await first.withExclusiveLock("spp:client:jane@example.com") {
                try await second.withExclusiveLock("spp:client:joe@example.com") { true }
            }
            #expect(taken)
        }
    }

    /// Returns once at least `count` sessions of the database wait for an advisory lock.
    static func waitForAdvisoryLockWaiters(atLeast count: Int64, at location: PostgresLocation) async throws {
        try await PostgresServer.withClient(location) { client in
            var waiting: Int64 = 0
            while waiting < count {
                waiting =
                    try await client.query(
                        """
                        SELECT count(*) FROM pg_stat_activity
                        WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'
                        """
                    ).collect().first?.decode(Int64.self) ?? 0
            }
        }
    }

    /// More lock holders at once than the store has connections, each using the store inside its lock (as
    /// SPP's lookup-then-create does): none waits forever for a connection another holder keeps.
    @Test func lockHoldersUsingTheStoreNeverRunOutOfConnections() async throws {
        try await PostgresServer.withTwoStores { first, _ in
            try await withTimeout {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<60 {
                        group.addTask {
                            try await first.withExclusiveLock("spp:client:customer\(index % 30)@example.com") {
                                _ = try await first.reserveRequestSlot(destination: "spp", interval: .zero, maximumWait: .seconds(30))
                                _ = try await first.pauses()
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            }
        }
    }

    @Test func instancesRegisterAndSilentOnesAreForgotten() async throws {
        try await PostgresServer.withTwoStores { first, second in
            let one = GatewayInstance(id: UUID(), name: "a:1", startedAt: start, heartbeatAt: start)
            var two = GatewayInstance(id: UUID(), name: "b:2", startedAt: start, heartbeatAt: start.addingTimeInterval(5), runningAttempts: 3)
            try await first.heartbeat(one)
            try await second.heartbeat(two)
            #expect(try await first.instances() == [two, one])
            two.heartbeatAt = start.addingTimeInterval(4000)
            two.runningAttempts = 0
            try await second.heartbeat(two)
            try await second.forgetInstances(silentSince: start.addingTimeInterval(3600))
            #expect(try await first.instances() == [two])
        }
    }

    @Test func aLeaseIsRenewedOnlyWhileTheClaimHolds() async throws {
        try await PostgresServer.withTwoStores { first, second in
            _ = try await first.accept(.form("e1", at: start, outcome: .deliver(.form()), audit: []))
            let stale = try #require(try await first.claimDueDeliveries(now: start, limit: 1, leaseUntil: start.addingTimeInterval(60)).first)
            #expect(try await first.extendLease(deliveryID: stale.id, claim: stale.claim, until: start.addingTimeInterval(120)))
            // Renewed: at 61 s the delivery is still held.
            #expect(
                try await second.claimDueDeliveries(now: start.addingTimeInterval(61), limit: 1, leaseUntil: start.addingTimeInterval(200)).isEmpty)
            let later = start.addingTimeInterval(121)
            let current = try #require(try await second.claimDueDeliveries(now: later, limit: 1, leaseUntil: later.addingTimeInterval(60)).first)
            #expect(try await !first.extendLease(deliveryID: stale.id, claim: stale.claim, until: later.addingTimeInterval(600)))
            #expect(try await second.extendLease(deliveryID: current.id, claim: current.claim, until: later.addingTimeInterval(60)))
        }
    }

    @Test func anEventStoredAtOneInstanceWakesTheOther() async throws {
        try await PostgresServer.withTwoStores { first, second in
            let signals = second.outboxSignals()
            // The first signal says the listener is in place (and that anything stored before is due).
            // A stream that ends (a dead listener) fails this, as does one that stays silent.
            _ = try await signals.first(within: .seconds(30)) { _ in true }
            _ = try await first.accept(.form("e1", at: start, outcome: .deliver(.form()), audit: []))
            _ = try await signals.first(within: .seconds(30)) { _ in true }
        }
    }

    /// An instance's own deliveries wake its workers in the process; the notification it sends the others, which
    /// reaches its own listener too, is ignored there.
    @Test func anEventStoredAtAnInstanceWakesIt() async throws {
        let store = try await PostgresEventStore(location: try await PostgresServer.makeDatabase(), logger: Logger(label: "store"))
        try await store.whileRunning {
            let signals = store.outboxSignals()
            _ = try await signals.first(within: .seconds(30)) { _ in true }
            _ = try await store.accept(.form("e1", at: start, outcome: .deliver(.form()), audit: []))
            _ = try await signals.first(within: .seconds(30)) { _ in true }
        }
    }

    @Test func theListenerComesBackWhenItsConnectionIsCut() async throws {
        try await PostgresServer.withTwoStoresAndTheirDatabase { location, first, second in
            // Both instances listen, each on one connection.
            _ = try await first.outboxSignals().first(within: .seconds(30)) { _ in true }
            let signals = second.outboxSignals()
            _ = try await signals.first(within: .seconds(30)) { _ in true }
            // What an operator's pg_terminate_backend, a failover or a network cut does to the listening connections.
            let cut = try await PostgresServer.withClient(location) { client in
                var cut = 0
                let terminated = try await client.query(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'")
                for try await wasCut in terminated.decode(Bool.self) where wasCut { cut += 1 }
                return cut
            }
            #expect(cut == 2)
            // Listening again says so; an event stored at the other instance then wakes it as before.
            _ = try await signals.first(within: .seconds(30)) { _ in true }
            _ = try await first.accept(.form("e1", at: start, outcome: .deliver(.form()), audit: []))
            _ = try await signals.first(within: .seconds(30)) { _ in true }
        }
    }
}

/// Who is inside a lock: how many came in, and whether two ever were at once.
private final class LockHolders: Sendable {
    private struct State {
        var inside = 0
        var entered = 0
        var crowded = false
    }
    private let state = Mutex(State())

    /// Notes a holder coming in; returns how many have come in so far, this one included.
    func enter() -> Int {
        state.withLock { state in
            state.inside += 1
            state.entered += 1
            if state.inside > 1 { state.crowded = true }
            return state.entered
        }
    }

    func leave() {
        state.withLock { $0.inside -= 1 }
    }

    var entered: Int { state.withLock { $0.entered } }
    var crowded: Bool { state.withLock { $0.crowded } }
}
