import Foundation

/// The ids a vendor handed back while a delivery ran. Saved as soon as each is learned, so a retry never
/// creates a second client, ticket or message for the same event.
package struct VendorRefs: Sendable, Codable, Equatable {
    package var clientID: String?
    package var ticketID: String?
    package var messageID: String?
    /// A create that was sent but whose answer was never recorded (the process died, or the answer was
    /// lost): the next attempt looks for what it may have created before creating it again.
    package var pending: PendingCreate?

    package init(clientID: String? = nil, ticketID: String? = nil, messageID: String? = nil, pending: PendingCreate? = nil) {
        self.clientID = clientID
        self.ticketID = ticketID
        self.messageID = messageID
        self.pending = pending
    }
}

/// A create request on its way to the vendor, recorded before it is sent.
package struct PendingCreate: Sendable, Codable, Equatable {
    package enum Resource: String, Sendable, Codable {
        case ticket, message
    }

    package var resource: Resource
    /// When the request was about to be sent.
    package var since: Date

    package init(_ resource: Resource, since: Date) {
        self.resource = resource
        self.since = since
    }
}
