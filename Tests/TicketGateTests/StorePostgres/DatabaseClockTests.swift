import Foundation
import Logging
import Synchronization
import Testing
import TicketGateCore

@testable import TicketGateStorePostgres

/// Instances whose clocks disagree agree on the database's: an instance whose clock runs 40 s ahead takes over
/// no attempt that is still running, and what it stores is due for the others at once, not 40 s later.
@Suite(.enabled(if: PostgresServer.isAvailable, PostgresServer.skipReason))
struct DatabaseClockTests {
    static let skew: TimeInterval = 40

    /// A store on `location` whose instance's clock runs `offset` seconds from the real one.
    static func store(_ location: PostgresLocation, clockOffset offset: TimeInterval) async throws -> PostgresEventStore {
        try await PostgresEventStore(location: location, now: { Date().addingTimeInterval(offset) }, logger: Logger(label: "clock-test"))
    }

    static func event(_ id: String, at date: Date) -> AcceptedEvent {
        AcceptedEvent.form(id, at: date)
    }

    /// Runs `body` with two stores on a new database: one on time, one whose clock runs `skew` ahead.
    static func withStores(_ body: (_ onTime: PostgresEventStore, _ ahead: PostgresEventStore) async throws -> Void) async throws {
        let location = try await PostgresServer.makeDatabase()
        let onTime = try await store(location, clockOffset: 0)
        let ahead = try await store(location, clockOffset: skew)
        try await onTime.whileRunning {
            try await ahead.whileRunning { try await body(onTime, ahead) }
        }
    }

    @Test func anInstanceWhoseClockRunsAheadTakesOverNoRunningAttempt() async throws {
        try await Self.withStores { onTime, ahead in
            let now = Date()
            _ = try await onTime.accept(Self.event("e1", at: now))
            let running = try await onTime.claimDueDeliveries(now: now, limit: 1, leaseUntil: now.addingTimeInterval(30))
            #expect(running.count == 1)

            let aheadNow = now.addingTimeInterval(Self.skew)
            let taken = try await ahead.claimDueDeliveries(now: aheadNow, limit: 1, leaseUntil: aheadNow.addingTimeInterval(30))
            #expect(taken.isEmpty, "the lease runs 30 s on the database's clock; 40 s ahead is not past it")
            let job = try #require(running.first)
            #expect(try await onTime.extendLease(deliveryID: job.id, claim: job.claim, until: now.addingTimeInterval(30)))
        }
    }

    @Test func whatAnInstanceAheadStoresIsDueAtOnceForTheOthers() async throws {
        try await Self.withStores { onTime, ahead in
            _ = try await ahead.accept(Self.event("e1", at: Date().addingTimeInterval(Self.skew)))
            let now = Date()
            let claimed = try await onTime.claimDueDeliveries(now: now, limit: 1, leaseUntil: now.addingTimeInterval(30))
            #expect(claimed.map(\.eventID.rawValue) == ["e1"])
        }
    }

    @Test func pausesReadInEachInstancesOwnTime() async throws {
        try await Self.withStores { onTime, ahead in
            let aheadNow = Date().addingTimeInterval(Self.skew)
            let pause = DestinationPause(destination: "spp", reason: .credentialRefused, since: aheadNow, probeAt: aheadNow.addingTimeInterval(60))
            try await ahead.savePause(pause)
            let seen = try #require(try await onTime.pauses().first)
            #expect(abs(seen.since.timeIntervalSince(aheadNow.addingTimeInterval(-Self.skew))) < 2)
            #expect(abs(try #require(seen.probeAt).timeIntervalSince(aheadNow.addingTimeInterval(60 - Self.skew))) < 2)
        }
    }

    /// A reading whose round trip took longer than a second still keeps the offset it cannot disprove; one that
    /// proves another offset moves it, to the nearest second.
    @Test func anOffsetChangesOnlyWhenAReadingProvesItWrong() {
        // The database said 1_000_050 between 1_000_000 and 1_001_200: the offset lies in [-1150, 50].
        #expect(DatabaseClock.offset(database: 1_000_050, before: 1_000_000, after: 1_001_200, current: 0) == 0)
        #expect(DatabaseClock.offset(database: 1_000_050, before: 1_000_000, after: 1_001_200, current: -1_000) == -1_000)
        #expect(DatabaseClock.offset(database: 1_040_050, before: 1_000_000, after: 1_000_100, current: 0) == 40_000)
        #expect(DatabaseClock.offset(database: 960_000, before: 1_000_000, after: 1_000_100, current: 40_000) == -40_000)
    }

    /// Two instances whose clocks agree keep the same times even when one read the database's clock over a slow
    /// round trip (its clock read 1.2 s later after the query than before it): what the other stores at `now`
    /// is due for it at `now`.
    @Test func aSlowRoundTripDoesNotMoveAnInstanceOffTheOthersTime() async throws {
        let location = try await PostgresServer.makeDatabase()
        let onTime = try await Self.store(location, clockOffset: 0)
        let reads = Mutex(0)
        let slow = try await PostgresEventStore(
            location: location,
            now: {
                let read = reads.withLock { count in
                    count += 1
                    return count
                }
                return Date().addingTimeInterval(read.isMultiple(of: 2) ? 1.2 : 0)
            }, logger: Logger(label: "clock-test"))
        try await onTime.whileRunning {
            try await slow.whileRunning {
                let now = Date()
                #expect(try await onTime.accept(Self.event("e1", at: now)) == .stored)
                let claimed = try await slow.claimDueDeliveries(now: now, limit: 1, leaseUntil: now.addingTimeInterval(30))
                #expect(claimed.map(\.eventID.rawValue) == ["e1"])
            }
        }
    }
}
