import Foundation
import Logging
import PostgresNIO
import Synchronization
import TicketGateCore

/// The database's clock, as this instance sees it: how far the database's clock is ahead of the instance's,
/// read at start and every `remeasureInterval`, to the nearest second, and changed only when a reading proves
/// it wrong (so instances whose clocks agree keep exactly the same times, whatever each round trip took). The store keeps every time the instances compare (due times,
/// leases, pauses, heartbeats) on the database's clock, shifting what an instance writes by the offset and what
/// it reads back the other way, so an instance whose clock runs ahead takes no lease early and misses no due time.
final class DatabaseClock: Sendable {
    static let remeasureInterval = Duration.seconds(10)

    /// The instance's clock.
    private let now: @Sendable () -> Date
    /// The database's clock minus the instance's, in milliseconds.
    private let offset = Atomic<Int64>(0)

    init(now: @escaping @Sendable () -> Date) {
        self.now = now
    }

    /// Reads the database's clock and keeps its offset, taking the instance's time halfway through the round trip.
    func measure(on connection: PostgresConnection, logger: Logger) async throws {
        let before = EpochMilliseconds.of(now())
        let database = try await connection.value("SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint", as: Int64.self, logger: logger)
        let after = EpochMilliseconds.of(now())
        guard let database else { throw StoreError.unexpected("the database did not say its time") }
        offset.store(Self.offset(database: database, before: before, after: after, current: milliseconds), ordering: .relaxed)
    }

    /// The offset a reading proves: the database's time `database`, read between the instance's `before` and
    /// `after`, puts the true offset between `database - after` and `database - before`. While that range holds
    /// the `current` offset, it stays (so instances whose clocks agree keep the same offset however long a round
    /// trip took); otherwise it becomes the middle of the range, to the nearest second.
    static func offset(database: Int64, before: Int64, after: Int64, current: Int64) -> Int64 {
        if (database - after)...(database - before) ~= current { return current }
        let measured = database - (before + (after - before) / 2)
        return (Double(measured) / 1000).rounded().asMilliseconds
    }

    /// `date`, an instant of the instance's clock, in milliseconds of the database's clock.
    func database(_ date: Date) -> Int64 {
        Self.shifted(EpochMilliseconds.of(date), by: offset.load(ordering: .relaxed))
    }

    /// `milliseconds` of the database's clock as an instant of the instance's clock.
    func instance(_ milliseconds: Int64) -> Date {
        EpochMilliseconds.date(Self.shifted(milliseconds, by: -offset.load(ordering: .relaxed)))
    }

    /// `milliseconds` moved by `offset`, held at the 64-bit ends.
    private static func shifted(_ milliseconds: Int64, by offset: Int64) -> Int64 {
        let (sum, overflow) = milliseconds.addingReportingOverflow(offset)
        return overflow ? (offset > 0 ? .max : .min) : sum
    }

    /// The database's clock minus the instance's, in milliseconds.
    var milliseconds: Int64 { offset.load(ordering: .relaxed) }
}

extension Double {
    /// Whole seconds as milliseconds.
    fileprivate var asMilliseconds: Int64 {
        Int64(exactly: self * 1000) ?? 0
    }
}
