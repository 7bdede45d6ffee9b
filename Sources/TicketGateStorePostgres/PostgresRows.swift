import Foundation
import Logging
import PostgresNIO
import TicketGateCore

extension PostgresConnection {
    /// Every row `query` answers.
    func rows(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRandomAccessRow] {
        var rows: [PostgresRandomAccessRow] = []
        for try await row in try await self.query(query, logger: logger) {
            rows.append(row.makeRandomAccess())
        }
        return rows
    }

    /// The first column of the first row `query` answers, `nil` when there is no row.
    func value<Value: PostgresDecodable>(_ query: PostgresQuery, as type: Value.Type, logger: Logger) async throws -> Value? {
        guard let row = try await rows(query, logger: logger).first else { return nil }
        return try row[0].decode(Value.self)
    }
}

extension PostgresRandomAccessRow {
    func text(_ column: String) throws -> String { try self[column].decode(String.self) }
    func optionalText(_ column: String) throws -> String? { try self[column].decode(String?.self) }
    func integer(_ column: String) throws -> Int64 { try self[column].decode(Int64.self) }
    func date(_ column: String) throws -> Date { EpochMilliseconds.date(try integer(column)) }
}

extension StoredDelivery {
    /// A `delivery` row, its JSON columns read as `StoredJSON` reads them and its times (on the database's
    /// clock) as instants of the instance's.
    init(postgres row: PostgresRandomAccessRow, clock: DatabaseClock) throws {
        self.init(
            id: try row.integer("id"), eventID: try row.text("event_id"), status: try row.text("status"),
            attempts: Int(try row["attempts"].decode(Int32.self)), nextAttemptAt: clock.instance(try row.integer("next_attempt_at")),
            draft: try StoredJSON.decode(TicketDraft.self, from: try row.text("draft")),
            refs: try StoredJSON.decode(VendorRefs.self, from: try row.text("refs")),
            lastFailureReason: try row.optionalText("last_failure_reason"), lastFailureDetail: try row.optionalText("last_failure_detail"),
            createdAt: clock.instance(try row.integer("created_at")))
    }
}
