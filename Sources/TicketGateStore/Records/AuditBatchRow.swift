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
        let stored = try JSONDecoder().decode([StoredRecord].self, from: Data((columns["records"] as String).utf8))
        records = stored.map(\.record)
    }

    static let columnNames = ["event_id", "delivery_id", "records"]
    static let insertSQL = makeInsertSQL(into: databaseTableName, columns: columnNames)

    /// The columns, the records written with `CompactJSONEncoder` as one `JSONValue`, which it writes without
    /// `Codable`'s generic containers (a third of the cost of the records through `StoredRecord`'s `Encodable`).
    func columnValues() throws -> [DatabaseValue] {
        let json = JSONValue.array(records.map { StoredRecord($0).json })
        return [eventID.databaseValue, deliveryID.databaseValue, try CompactJSONEncoder().string(json).databaseValue]
    }

    var entries: [AuditEntry] {
        records.map { AuditEntry(deliveryID: deliveryID, record: $0) }
    }

    /// The JSON of one record in the array, its time in the store's milliseconds (`StoredDate`).
    struct StoredRecord: Decodable {
        var stage: String
        var at: Int64
        var summary: String
        var detail: [String: JSONValue]

        init(_ record: AuditRecord) {
            stage = record.stage.rawValue
            at = StoredDate.milliseconds(record.at)
            summary = record.summary
            detail = record.detail
        }

        /// The record as the value `CompactJSONEncoder` writes (keys sorted) and `Decodable` reads back.
        var json: JSONValue {
            .object(["stage": .string(stage), "at": .int(at), "summary": .string(summary), "detail": .object(detail)])
        }

        var record: AuditRecord {
            AuditRecord(
                stage: AuditRecord.Stage(rawValue: stage) ?? .received, at: StoredDate.date(milliseconds: at), summary: summary, detail: detail)
        }
    }
}
