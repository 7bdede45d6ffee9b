import Foundation
import GRDB
import Testing
import TicketGateCore

@testable import TicketGateStore

/// Rows are read by column name through an index made once per row; a column the row lacks, NULL where a value
/// is required, or a value of another type is a store error, never a trap.
@Suite struct SQLiteRowTests {
    @Test func readsColumnsByNameAndRefusesWhatTheyDoNotHold() throws {
        let queue = try DatabaseQueue()
        let row = try queue.read { db in
            try #require(
                try Row.fetchOne(db, sql: "SELECT 7 AS id, 'spp' AS destination, NULL AS lease_until, 'x' AS note, x'00ff' AS data"))
        }
        let columns = SQLiteRow(row)
        #expect(try columns.integer("id") == 7)
        #expect(try columns.text("destination") == "spp")
        #expect(try columns.optionalInteger("lease_until") == nil)
        #expect(try columns.optionalText("note") == "x")
        #expect(try columns.bytes("data") == Data([0, 0xFF]))
        #expect(throws: StoreError.self) { try columns.text("missing") }
        #expect(throws: StoreError.self) { try columns.integer("lease_until") }
        #expect(throws: StoreError.self) { try columns.integer("note") }
    }
}
