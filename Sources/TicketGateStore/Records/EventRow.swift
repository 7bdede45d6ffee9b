import Foundation
import GRDB
import TicketGateCore

/// A row of `event`: the normalized event, its decision, and the raw body as received.
struct EventRow: Codable, FetchableRecord, PersistableRecord, ColumnRecord {
    static let databaseTableName = "event"

    var id: String
    var source: String
    var kind: String
    var format: String
    var receivedAt: Date
    var providerEventID: String?
    var dedupeKey: String?
    var clientIP: String?
    var contentType: String?
    /// `deliver`, `drop` or `unrouted`.
    var outcome: String
    /// The sender and subject of `event`, as columns to list and search.
    var senderEmail: String?
    var senderName: String?
    var subject: String?
    /// What the event search compares (`SearchText`).
    var searchText: String
    var event: InboundEvent
    var decision: Decision
    var rawBody: Data

    static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy { .custom(StoredDate.date) }

    enum CodingKeys: String, CodingKey {
        case id, source, kind, format, outcome, event, decision
        case receivedAt = "received_at"
        case providerEventID = "provider_event_id"
        case dedupeKey = "dedupe_key"
        case clientIP = "client_ip"
        case contentType = "content_type"
        case rawBody = "raw_body"
        case senderEmail = "sender_email"
        case senderName = "sender_name"
        case subject
        case searchText = "search_text"
    }

    init(_ accepted: AcceptedEvent) {
        let event = accepted.event
        id = event.id.rawValue
        source = event.source
        kind = event.kind.rawValue
        format = event.format
        receivedAt = event.receivedAt
        providerEventID = event.providerEventID
        dedupeKey = accepted.dedupeKey
        clientIP = event.clientIP
        contentType = accepted.contentType
        outcome = accepted.decision.outcome.name
        senderEmail = ColumnText.of(event.sender.email)
        senderName = ColumnText.of(event.sender.name)
        subject = ColumnText.of(event.subject)
        searchText = SearchText.column(senderEmail: event.sender.email, senderName: event.sender.name, subject: event.subject)
        self.event = event
        decision = accepted.decision
        rawBody = accepted.rawBody
    }

    static let columnNames = [
        "id", "source", "kind", "format", "received_at", "provider_event_id", "dedupe_key", "client_ip", "content_type", "outcome",
        "event", "decision", "raw_body", "sender_email", "sender_name", "subject", "search_text",
    ]
    static let insertSQL = makeInsertSQL(into: databaseTableName, columns: columnNames)

    /// The columns, JSON ones written with `CompactJSONEncoder` rather than GRDB's `Codable` path, which cost
    /// more than the rest of ingest together.
    func columnValues() throws -> [DatabaseValue] {
        let json = CompactJSONEncoder()
        return [
            id.databaseValue, source.databaseValue, kind.databaseValue, format.databaseValue, StoredDate.databaseValue(receivedAt),
            providerEventID.databaseValue, dedupeKey.databaseValue, clientIP.databaseValue, contentType.databaseValue,
            outcome.databaseValue, try json.string(event).databaseValue, try json.string(decision).databaseValue, rawBody.databaseValue,
            senderEmail.databaseValue, senderName.databaseValue, subject.databaseValue, searchText.databaseValue,
        ]
    }
}
