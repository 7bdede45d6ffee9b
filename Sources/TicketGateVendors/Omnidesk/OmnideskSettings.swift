import TicketGateCore

/// What an Omnidesk destination sends with every request, whatever the rules decide: its `OmnideskVendor`
/// settings.
struct OmnideskSettings: Sendable, Equatable {
    /// The `brandID` of new conversations when no rule sets `brand`.
    var brand: Int?
    /// The channel `type` of messages on known tickets: `contactform`, `calllog` or a channel number.
    var messageType = "contactform"
    /// The Omnidesk user messages are posted as (`userID`); Omnidesk shows "Agent Anonymous" without one.
    var userID: Int?
    /// The account's time zone (IANA). When set, messages carry `sendAt`: the moment the customer wrote, as
    /// Omnidesk's `YYYY-MM-DD HH:MM:SS` in that zone.
    var timeZone: String?

    init(_ destination: DestinationDefinition) {
        brand = destination.integer("brand")
        messageType = destination.text("message_type") ?? messageType
        userID = destination.integer("user_id")
        timeZone = destination.text("time_zone")
    }

    /// The message types Omnidesk's `type` pattern allows: `^([0-9]+|calllog|contactform)$`.
    static func isValidMessageType(_ type: String) -> Bool {
        type == "calllog" || type == "contactform" || (!type.isEmpty && type.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 })
    }
}
