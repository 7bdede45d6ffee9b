import Foundation

/// A new outbox row and its place in a conversation: a draft without its own ticket or order reference
/// continues the conversation the first of the event's keys that names one at the destination names (read in
/// the insert itself); the event's keys then name that conversation, or the one this delivery opens, for the
/// events that answer it. Keys already known keep their conversation. Where several processes write, the
/// conversation's keys are locked first (`SQLDialect.lockConversations`), so two messages of one new
/// conversation stored at the same moment make one opener, not two.
package struct DeliveryInsertion: Sendable {
    /// Locks the keys the insert reads and registers, when the dialect needs it.
    package let lock: SQLStatement?
    /// Inserts the row; answers its `id` and `conversation_opener`.
    package let insert: SQLStatement
    /// Whether the row continues or names a conversation: without, `insert` is all there is to it.
    package var isInConversation: Bool { !register.isEmpty }
    /// The values of the row's `event_id`, `destination`, `next_attempt_at`, `draft` and `refs`.
    let values: (eventID: SQLValue, destination: SQLValue, due: SQLValue, draft: SQLValue, refs: SQLValue)
    private let register: [String]
    private let destination: String
    private let dialect: any SQLDialect

    /// The row for `draft` of `eventID`, due at `due` (milliseconds, as the store keeps instants), continuing
    /// or opening the conversation `keys` name (none for an `order` draft, which has its own reference).
    package init(eventID: EventID, draft: TicketDraft, refs: VendorRefs = VendorRefs(), keys: ConversationKeys, due: Int64, _ dialect: any SQLDialect)
        throws
    {
        let threadable = draft.order == nil
        let continues = threadable && draft.replyTo == nil ? keys.continues : []
        register = threadable ? keys.continues + keys.introduces : []
        destination = draft.destination
        self.dialect = dialect
        lock = register.isEmpty ? nil : dialect.lockConversations(register, at: draft.destination)
        let json = CompactJSONEncoder()
        let draftJSON = try json.string(draft)
        let refsJSON = try json.string(refs)
        values = (.text(eventID.rawValue), .text(draft.destination), .integer(due), .text(draftJSON), .text(refsJSON))
        insert = SQLStatement(dialect) { sql in
            let opener =
                continues.isEmpty
                ? "NULL"
                : """
                (SELECT c.delivery_id FROM conversation c JOIN \(sql.dialect.texts(sql.bind(.texts(continues)), as: "k")) ON c.key = k.value
                    WHERE c.destination = \(sql.bind(.text(draft.destination))) ORDER BY k.position LIMIT 1)
                """
            sql.append(
                """
                INSERT INTO delivery (event_id, destination, status, attempts, next_attempt_at, draft, refs, created_at, updated_at,
                    conversation_opener)
                VALUES (\(sql.bind(.text(eventID.rawValue))), \(sql.bind(.text(draft.destination))), 'pending', 0, \(sql.bind(.integer(due))),
                    \(sql.bind(.text(draftJSON))), \(sql.bind(.text(refsJSON))), \(sql.bind(.integer(due))), \(sql.bind(.integer(due))), \(opener))
                RETURNING id, conversation_opener
                """)
        }
    }

    /// Registers the event's keys for the conversation of the row `insert` answered, or `nil` when it has none.
    package func registration(_ inserted: some SQLRow) throws -> SQLStatement? {
        guard !register.isEmpty else { return nil }
        let opener = try inserted.optionalInteger("conversation_opener") ?? inserted.integer("id")
        return SQLStatement(dialect) { sql in
            sql.append(
                """
                INSERT INTO conversation (destination, key, delivery_id)
                SELECT \(sql.bind(.text(destination))), k.value, \(sql.bind(.integer(opener))) FROM \(sql.dialect.texts(sql.bind(.texts(register)), as: "k"))
                WHERE true ON CONFLICT DO NOTHING
                """)
        }
    }
}
