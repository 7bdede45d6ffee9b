import GRDB
import TicketGateCore

/// A row of `conversation`: one key (an email message id, a chat conversation) at one destination, and the
/// delivery that opened the conversation it names.
struct ConversationRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "conversation"

    var destination: String
    var key: String
    var deliveryID: Int64

    enum CodingKeys: String, CodingKey {
        case destination, key
        case deliveryID = "delivery_id"
    }

    /// The delivery that opened the conversation the first known key names, if any: one statement for every key.
    static func opener(of keys: [String], at destination: String, in db: Database) throws -> Int64? {
        guard !keys.isEmpty else { return nil }
        let rows = try Row.fetchAll(
            db, sql: "SELECT key, delivery_id FROM conversation WHERE destination = ? AND key IN (\(databaseQuestionMarks(count: keys.count)))",
            arguments: StatementArguments([destination] + keys))
        let openers = Dictionary(
            rows.map { (row: Row) -> (String, Int64) in (row["key"], row["delivery_id"]) }, uniquingKeysWith: { first, _ in first })
        return keys.lazy.compactMap { openers[$0] }.first
    }

    /// Records that `keys` name the conversation `delivery` opened, in one statement; keys already known keep
    /// their conversation.
    static func register(_ keys: [String], at destination: String, opener delivery: Int64, in db: Database) throws {
        guard !keys.isEmpty else { return }
        let values = Array(repeating: "(?, ?, ?)", count: keys.count).joined(separator: ", ")
        try db.execute(
            sql: "INSERT INTO conversation(destination, key, delivery_id) VALUES \(values) ON CONFLICT DO NOTHING",
            arguments: StatementArguments(keys.flatMap { key -> [any DatabaseValueConvertible] in [destination, key, delivery] }))
    }
}
