import Foundation

/// The ids a vendor handed back while a delivery ran. Saved as soon as each is learned, so a retry never
/// creates a second client, ticket or message for the same event.
public struct VendorRefs: Sendable, Codable, Equatable {
    public var clientID: String?
    public var ticketID: String?
    public var messageID: String?
    /// A create that was sent but whose answer was never recorded (the process died, or the answer was
    /// lost): the next attempt looks for what it may have created before creating it again.
    public var pending: PendingCreate?

    public init(clientID: String? = nil, ticketID: String? = nil, messageID: String? = nil, pending: PendingCreate? = nil) {
        self.clientID = clientID
        self.ticketID = ticketID
        self.messageID = messageID
        self.pending = pending
    }
}

/// A create request on its way to the vendor, recorded before it is sent.
public struct PendingCreate: Sendable, Codable, Equatable {
    public enum Resource: String, Sendable, Codable {
        case ticket, message
    }

    public var resource: Resource
    /// When the request was about to be sent.
    public var since: Date

    public init(_ resource: Resource, since: Date) {
        self.resource = resource
        self.since = since
    }
}
