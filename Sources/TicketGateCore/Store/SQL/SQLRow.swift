import Foundation

/// A row as a store operation reads it, by column name, whichever engine answered it.
package protocol SQLRow {
    func text(_ column: String) throws -> String
    func optionalText(_ column: String) throws -> String?
    func integer(_ column: String) throws -> Int64
    func optionalInteger(_ column: String) throws -> Int64?
    func bytes(_ column: String) throws -> Data
}

extension StoredDelivery {
    /// A `delivery` row, its JSON columns read as `StoredJSON` reads them and its times as `instant` turns the
    /// stored milliseconds into instants of this instance's clock.
    package init(row: some SQLRow, instant: (Int64) -> Date) throws {
        self.init(
            id: try row.integer("id"), eventID: try row.text("event_id"), status: try row.text("status"),
            attempts: Int(try row.integer("attempts")), nextAttemptAt: instant(try row.integer("next_attempt_at")),
            draft: try StoredJSON.decode(TicketDraft.self, from: try row.text("draft")),
            refs: try StoredJSON.decode(VendorRefs.self, from: try row.text("refs")),
            lastFailureReason: try row.optionalText("last_failure_reason"), lastFailureDetail: try row.optionalText("last_failure_detail"),
            createdAt: instant(try row.integer("created_at")), updatedAt: instant(try row.integer("updated_at")))
    }
}

extension Attachment {
    /// An `attachment` row.
    package init(row: some SQLRow) throws {
        self.init(name: try row.text("name"), contentType: try row.text("content_type"), data: [UInt8](try row.bytes("data")))
    }
}

extension AuditEntry {
    /// The entries of an `audit_batch` row, in order.
    package static func entries(of row: some SQLRow) throws -> [AuditEntry] {
        let deliveryID = try row.optionalInteger("delivery_id")
        return try StoredAuditRecord.records(try row.text("records")).map { AuditEntry(deliveryID: deliveryID, record: $0) }
    }
}
