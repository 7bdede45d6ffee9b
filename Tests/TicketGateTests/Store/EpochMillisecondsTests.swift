import Foundation
import GRDB
import Testing
import TicketGateCore

/// The store's dates are whole milliseconds, the nearest to the date; they read back as the same milliseconds,
/// and GRDB's `.millisecondsSince1970` decoding strategy reads the same instants.
@Suite struct EpochMillisecondsTests {
    /// A record GRDB fetches through `Codable` with the millisecond strategy.
    struct Stamp: Codable, FetchableRecord {
        static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy { .millisecondsSince1970 }
        var id: Int64
        var at: Date
    }

    @Test func writesTheNearestMillisecondAndReadsAsGRDBDoes() throws {
        let seed = try TestSeed.next()
        var random = SeededRandom(seed: seed)
        recordingSeed(seed) {
            var dates = [
                Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -0.0005), Date(timeIntervalSince1970: 1_795_308_793.316_734),
                Date(timeIntervalSince1970: 1_709_164_800.9995), Date(timeIntervalSince1970: -1.001),
                Date(timeIntervalSince1970: 253_402_300_799.999),
            ]
            for _ in 0..<2_000 {
                dates.append(Date(timeIntervalSince1970: Double.random(in: -12_000_000_000...250_000_000_000, using: &random)))
            }
            let queue = try DatabaseQueue()
            try queue.write { db in
                try db.create(table: "stamp") { t in
                    t.primaryKey("id", .integer)
                    t.column("at", .datetime).notNull()
                }
                for (id, date) in dates.enumerated() {
                    let milliseconds = EpochMilliseconds.of(date)
                    #expect(abs(Double(milliseconds) - date.timeIntervalSince1970 * 1000) <= 0.5, "\(seed): \(date.timeIntervalSince1970)")
                    try db.execute(sql: "INSERT INTO stamp(id, at) VALUES (?, ?)", arguments: [id, EpochMilliseconds.of(date)])
                    let read = try Stamp.fetchOne(db, sql: "SELECT * FROM stamp WHERE id = ?", arguments: [id])?.at
                    #expect(read.map(EpochMilliseconds.of) == milliseconds, "\(seed): \(date.timeIntervalSince1970)")
                    #expect(EpochMilliseconds.of(EpochMilliseconds.date(milliseconds)) == milliseconds, "\(seed)")
                    // A date of whole milliseconds comes back equal.
                    let whole = EpochMilliseconds.date(milliseconds)
                    #expect(EpochMilliseconds.date(EpochMilliseconds.of(whole)) == whole, "\(seed)")
                }
            }
        }
    }

    @Test func datesBeyondSixtyFourBitsOfMillisecondsAreHeldAtTheEnds() {
        #expect(EpochMilliseconds.of(.distantFuture) == 64_092_211_200_000)
        #expect(EpochMilliseconds.of(Date(timeIntervalSince1970: 1e300)) == .max)
        #expect(EpochMilliseconds.of(Date(timeIntervalSince1970: -1e300)) == .min)
        #expect(EpochMilliseconds.of(Date(timeIntervalSince1970: .infinity)) == .max)
        #expect(EpochMilliseconds.of(Date(timeIntervalSince1970: .nan)) == .min)
    }
}
