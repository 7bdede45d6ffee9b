import Foundation

/// The JSON of one audit record in a store's array of records (`audit_batch.records`), its time in
/// `EpochMilliseconds`.
package struct StoredAuditRecord: Decodable {
    var stage: String
    var at: Int64
    var summary: String
    var detail: [String: JSONValue]

    package init(_ record: AuditRecord) {
        stage = record.stage.rawValue
        at = EpochMilliseconds.of(record.at)
        summary = record.summary
        detail = record.detail
    }

    /// The record as the value `CompactJSONEncoder` writes (keys sorted) and `Decodable` reads back.
    package var json: JSONValue {
        .object(["stage": .string(stage), "at": .int(at), "summary": .string(summary), "detail": .object(detail)])
    }

    package var record: AuditRecord {
        AuditRecord(stage: AuditRecord.Stage(rawValue: stage) ?? .received, at: EpochMilliseconds.date(at), summary: summary, detail: detail)
    }

    /// The JSON text of `records` as one array, as a store's column holds it.
    package static func json(_ records: [AuditRecord]) throws -> String {
        try CompactJSONEncoder().string(JSONValue.array(records.map { StoredAuditRecord($0).json }))
    }

    /// The records of a column's JSON text.
    package static func records(_ json: String) throws -> [AuditRecord] {
        try JSONDecoder().decode([StoredAuditRecord].self, from: Data(json.utf8)).map(\.record)
    }
}
