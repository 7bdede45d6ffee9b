import Foundation
import GRDB
import TicketGateCore

/// A row of `audit_batch`: the audit records one write adds for one event, and for one of its deliveries when
/// it has one, in order, as one JSON array. An accepted event's received, verified and decided records are one
/// row, an attempt's records another: SQLite's cost is per row (the table and its index), so eight rows
/// per delivered event became two. Reading them back gives the same records in the same order.
struct AuditBatchRow: ColumnRecord {
    static let databaseTableName = "audit_batch"

    var eventID: String
    var deliveryID: Int64?
    var records: [AuditRecord]

    init(eventID: EventID, deliveryID: Int64?, records: [AuditRecord]) {
        self.eventID = eventID.rawValue
        self.deliveryID = deliveryID
        self.records = records
    }

    init(row: Row) throws {
        let columns = RowColumns(row)
        eventID = columns["event_id"]
        deliveryID = columns["delivery_id"]
        records = try StoredAuditRecord.records(columns["records"])
    }

    static let columnNames = ["event_id", "delivery_id", "records"]
    static let insertSQL = makeInsertSQL(into: databaseTableName, columns: columnNames)

    /// The columns, the records as `StoredAuditRecord.json` writes them.
    func columnValues() throws -> [DatabaseValue] {
        [eventID.databaseValue, deliveryID.databaseValue, try StoredAuditRecord.json(records).databaseValue]
    }

    var entries: [AuditEntry] {
        records.map { AuditEntry(deliveryID: deliveryID, record: $0) }
    }
}
