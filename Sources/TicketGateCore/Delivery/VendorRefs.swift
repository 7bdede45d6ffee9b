/// The ids a vendor handed back while a delivery ran. Saved as soon as each is learned, so a retry never
/// creates a second client, ticket or message for the same event.
public struct VendorRefs: Sendable, Codable, Equatable {
    public var clientID: String?
    public var ticketID: String?
    public var messageID: String?

    public init(clientID: String? = nil, ticketID: String? = nil, messageID: String? = nil) {
        self.clientID = clientID
        self.ticketID = ticketID
        self.messageID = messageID
    }
}
