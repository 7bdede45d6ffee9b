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

    /// The delivery that opened the conversation the first known key names, if any.
    static func opener(of keys: [String], at destination: String, in db: Database) throws -> Int64? {
        for key in keys {
            if let id = try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT delivery_id FROM conversation WHERE destination = ? AND key = ?"), arguments: [destination, key])
            {
                return id
            }
        }
        return nil
    }

    /// Records that `keys` name the conversation `delivery` opened; keys already known keep their conversation.
    static func register(_ keys: [String], at destination: String, opener delivery: Int64, in db: Database) throws {
        for key in keys {
            try db.cachedStatement(sql: "INSERT INTO conversation(destination, key, delivery_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .execute(arguments: [destination, key, delivery])
        }
    }
}
