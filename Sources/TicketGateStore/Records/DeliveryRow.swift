import Foundation
import GRDB
import TicketGateCore

/// A row of `delivery`, the outbox: one ticket to create at one destination, with its attempts and lease.
struct DeliveryRow: Codable, FetchableRecord, MutablePersistableRecord, ColumnRecord {
    static let databaseTableName = "delivery"

    var id: Int64?
    var eventID: String
    var destination: String
    var status: String
    var attempts: Int
    var nextAttemptAt: Date
    /// While set and in the future, an attempt is running and no other worker may claim the row.
    var leaseUntil: Date?
    var draft: TicketDraft
    var refs: VendorRefs
    var lastFailureReason: String?
    var lastFailureDetail: String?
    /// The delivery that opened the conversation this one continues.
    var conversationOpener: Int64?
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, destination, status, attempts, draft, refs
        case eventID = "event_id"
        case nextAttemptAt = "next_attempt_at"
        case leaseUntil = "lease_until"
        case lastFailureReason = "last_failure_reason"
        case lastFailureDetail = "last_failure_detail"
        case conversationOpener = "conversation_opener"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    enum Columns {
        static let eventID = Column(CodingKeys.eventID)
    }

    /// Reads the columns directly, and the JSON ones with one shared decoder (`StoredJSON`):
    /// GRDB's `Decodable` path makes a `JSONDecoder` per column, and every claimed delivery goes through here.
    init(row: Row) throws {
        let row = RowColumns(row)
        id = row["id"]
        eventID = row["event_id"]
        destination = row["destination"]
        status = row["status"]
        attempts = row["attempts"]
        nextAttemptAt = StoredDate.date(milliseconds: row["next_attempt_at"])
        leaseUntil = (row["lease_until"] as Int64?).map { StoredDate.date(milliseconds: $0) }
        draft = try StoredJSON.decode(TicketDraft.self, from: row["draft"] as Data)
        refs = try StoredJSON.decode(VendorRefs.self, from: row["refs"] as Data)
        lastFailureReason = row["last_failure_reason"]
        lastFailureDetail = row["last_failure_detail"]
        conversationOpener = row["conversation_opener"]
        createdAt = StoredDate.date(milliseconds: row["created_at"])
        updatedAt = StoredDate.date(milliseconds: row["updated_at"])
    }

    /// A new row, due at once.
    init(eventID: EventID, draft: TicketDraft, at date: Date) {
        self.eventID = eventID.rawValue
        destination = draft.destination
        status = DeliveryStatus.pending.rawValue
        attempts = 0
        nextAttemptAt = date
        self.draft = draft
        refs = VendorRefs()
        createdAt = date
        updatedAt = date
    }

    static let columnNames = [
        "id", "event_id", "destination", "status", "attempts", "next_attempt_at", "lease_until", "draft", "refs", "last_failure_reason",
        "last_failure_detail", "conversation_opener", "created_at", "updated_at",
    ]
    static let insertSQL = makeInsertSQL(into: databaseTableName, columns: columnNames)

    /// The columns, JSON ones written with `CompactJSONEncoder`.
    func columnValues() throws -> [DatabaseValue] {
        let json = CompactJSONEncoder()
        return [
            id.databaseValue, eventID.databaseValue, destination.databaseValue, status.databaseValue, attempts.databaseValue,
            StoredDate.databaseValue(nextAttemptAt), StoredDate.databaseValue(leaseUntil), try json.string(draft).databaseValue,
            try json.string(refs).databaseValue,
            lastFailureReason.databaseValue, lastFailureDetail.databaseValue, conversationOpener.databaseValue, StoredDate.databaseValue(createdAt),
            StoredDate.databaseValue(updatedAt),
        ]
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The row as both stores read it.
    var stored: StoredDelivery {
        StoredDelivery(
            id: id ?? 0, eventID: eventID, status: status, attempts: attempts, nextAttemptAt: nextAttemptAt, draft: draft, refs: refs,
            lastFailureReason: lastFailureReason, lastFailureDetail: lastFailureDetail, createdAt: createdAt)
    }

    func job(opener: DeliveryRow?, files: [Attachment]) -> DeliveryJob {
        stored.job(opener: opener?.stored, files: files)
    }

    var summary: DeliverySummary {
        stored.summary
    }
}
