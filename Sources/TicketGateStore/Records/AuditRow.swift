import Foundation
import GRDB
import TicketGateCore

/// A row of `audit`: one record of one stage of one event, and of one of its deliveries when it has one.
struct AuditRow: Codable, FetchableRecord, ColumnRecord {
    static let databaseTableName = "audit"

    var id: Int64?
    var eventID: String
    var deliveryID: Int64?
    var at: Date
    var stage: String
    var summary: String
    var detail: [String: JSONValue]

    enum CodingKeys: String, CodingKey {
        case id, at, stage, summary, detail
        case eventID = "event_id"
        case deliveryID = "delivery_id"
    }

    init(eventID: EventID, deliveryID: Int64?, record: AuditRecord) {
        self.eventID = eventID.rawValue
        self.deliveryID = deliveryID
        at = record.at
        stage = record.stage.rawValue
        summary = record.summary
        detail = record.detail
    }

    static let columnNames = ["id", "event_id", "delivery_id", "at", "stage", "summary", "detail"]
    static let insertSQL = makeInsertSQL(into: databaseTableName, columns: columnNames)

    /// The columns, the detail written with `CompactJSONEncoder`.
    func columnValues() throws -> [DatabaseValue] {
        [
            id.databaseValue, eventID.databaseValue, deliveryID.databaseValue, StoredDate.databaseValue(at), stage.databaseValue,
            summary.databaseValue, try CompactJSONEncoder().string(detail).databaseValue,
        ]
    }

    var entry: AuditEntry {
        let record = AuditRecord(stage: AuditRecord.Stage(rawValue: stage) ?? .received, at: at, summary: summary, detail: detail)
        return AuditEntry(deliveryID: deliveryID, record: record)
    }
}
