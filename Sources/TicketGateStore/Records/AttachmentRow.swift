import Foundation
import GRDB
import TicketGateCore

/// A row of `attachment`: the bytes of one file an event brought. The event itself keeps the file's
/// description; the bytes live here so that reading events stays cheap.
struct AttachmentRow: Codable, FetchableRecord, PersistableRecord, ColumnRecord {
    static let databaseTableName = "attachment"

    var eventID: String
    var position: Int
    var name: String
    var contentType: String
    var data: Data

    enum CodingKeys: String, CodingKey {
        case position, name, data
        case eventID = "event_id"
        case contentType = "content_type"
    }

    static let columnNames = ["event_id", "position", "name", "content_type", "data"]
    static let insertSQL = makeInsertSQL(into: databaseTableName, columns: columnNames)

    func columnValues() throws -> [DatabaseValue] {
        [eventID.databaseValue, position.databaseValue, name.databaseValue, contentType.databaseValue, data.databaseValue]
    }

    /// The file with its bytes.
    var attachment: Attachment {
        Attachment(name: name, contentType: contentType, data: [UInt8](data))
    }

    /// The rows for every attachment of `event` whose bytes were posted.
    static func rows(for event: InboundEvent) -> [AttachmentRow] {
        event.attachments.enumerated().compactMap { position, attachment in
            attachment.data.map {
                AttachmentRow(
                    eventID: event.id.rawValue, position: position, name: attachment.name, contentType: attachment.contentType, data: Data($0))
            }
        }
    }
}
