import Foundation
import GRDB
import Testing

@testable import TicketGateStore

/// The store writes dates itself rather than through GRDB's `DateFormatter`: the text must be GRDB's, to
/// the character, or stored dates would stop comparing with the ones GRDB writes in queries.
@Suite struct StoredDateTests {
    @Test func writesWhatGRDBWrites() throws {
        var generator = SystemRandomNumberGenerator()
        var dates = [
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -0.0005), Date(timeIntervalSince1970: 1_795_308_793.316_734),
            Date(timeIntervalSince1970: 951_782_400), Date(timeIntervalSince1970: 4_107_542_399.999_9),
            Date(timeIntervalSince1970: -12_212_553_600), Date(timeIntervalSince1970: 253_402_300_799.999),
            Date(timeIntervalSince1970: 1_709_164_800.9995), Date(timeIntervalSince1970: -1.001),
        ]
        for _ in 0..<2_000 {
            dates.append(Date(timeIntervalSince1970: Double.random(in: -12_000_000_000...250_000_000_000, using: &generator)))
        }
        for date in dates {
            #expect(StoredDate.databaseValue(date) == date.databaseValue, "\(date.timeIntervalSince1970)")
        }
    }

    @Test func leavesJulianAndFiveDigitYearsToGRDB() {
        #expect(StoredDate.text(Date(timeIntervalSince1970: -12_212_553_601)) == nil)
        #expect(StoredDate.databaseValue(Date(timeIntervalSince1970: -20_000_000_000)) == Date(timeIntervalSince1970: -20_000_000_000).databaseValue)
        #expect(StoredDate.text(Date(timeIntervalSince1970: 300_000_000_000)) == nil)
        #expect(StoredDate.databaseValue(nil as Date?) == .null)
    }
}
