import Crypto
import Foundation
import TicketGateCore

/// Short digests that name a delivery, or what it sends, to a vendor that keeps no id of the gateway's.
enum DeliveryDigest {
    /// The tag that ties a ticket to the delivery that created it, for vendors without an idempotency key or an
    /// external id: `ticketgate-` and 16 hex digits of the event and delivery, letters, digits and dashes that
    /// every vendor keeps as they are and can search by.
    static func marker(_ job: DeliveryJob) -> String {
        "ticketgate-" + hex(Data("\(job.eventID.rawValue):\(job.id)".utf8))
    }

    /// 16 hex digits of the SHA-256 of `data`.
    static func hex(_ data: Data) -> String {
        SHA256.hash(data: data).prefix(8).map { String(format: "%02x", $0) }.joined()
    }
}
