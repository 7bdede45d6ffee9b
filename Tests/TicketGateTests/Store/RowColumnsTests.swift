import GRDB
import Testing

@testable import TicketGateStore

/// Rows are read by column name through an index made once per row; names the row spells differently still
/// find their column through GRDB, as before.
@Suite struct RowColumnsTests {
    @Test func readsColumnsByExactNameAndOtherSpellingsThroughGRDB() throws {
        let queue = try DatabaseQueue()
        let row = try #require(
            try queue.read { db in try Row.fetchOne(db, sql: "SELECT 7 AS id, 'spp' AS Destination, NULL AS lease_until, 'x' AS note") })
        let columns = RowColumns(row)
        #expect(columns["id"] as Int64 == 7)
        #expect(columns["destination"] as String == "spp")
        #expect(columns["lease_until"] as String? == nil)
        #expect(columns["note"] as String? == "x")
        #expect(columns["missing"] as String? == nil)
    }
}
