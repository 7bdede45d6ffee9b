/// What an Omnidesk destination sends with every request, whatever the rules decide.
public struct OmnideskSettings: Sendable, Equatable {
    /// The `brandID` of new conversations when no rule sets `brand`.
    public var brand: Int?
    /// The channel `type` of messages on known tickets: `contactform`, `calllog` or a channel number.
    public var messageType: String
    /// The Omnidesk user messages are posted as (`userID`); Omnidesk shows "Agent Anonymous" without one.
    public var userID: Int?
    /// The account's time zone (IANA). When set, messages carry `sendAt`: the moment the customer wrote, as
    /// Omnidesk's `YYYY-MM-DD HH:MM:SS` in that zone.
    public var timeZone: String?

    /// The message types Omnidesk's `type` pattern allows: `^([0-9]+|calllog|contactform)$`.
    public static func isValidMessageType(_ type: String) -> Bool {
        type == "calllog" || type == "contactform" || (!type.isEmpty && type.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 })
    }

    public init(brand: Int? = nil, messageType: String = "contactform", userID: Int? = nil, timeZone: String? = nil) {
        self.brand = brand
        self.messageType = messageType
        self.userID = userID
        self.timeZone = timeZone
    }
}
