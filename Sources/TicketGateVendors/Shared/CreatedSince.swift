import Foundation
import TicketGateCore

/// Whether a vendor made something after a create was recorded as pending: what a lookup of an uncertain
/// create may match. A minute's margin allows for the vendor's clock; a time the vendor does not give, or
/// gives in another form than RFC 3339, does not rule the item out.
enum CreatedSince {
    static let margin: TimeInterval = 60

    static func allows(_ createdAt: String?, since pending: PendingCreate?) -> Bool {
        guard let pending, let createdAt, let made = RFC3339Time.parse(createdAt) else { return true }
        return made >= pending.since.addingTimeInterval(-margin)
    }
}
