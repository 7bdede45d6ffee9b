import Foundation

/// One event from an inbound provider, normalized so that rules and vendors never see a provider's own shape.
public struct InboundEvent: Sendable, Codable, Equatable {
    public var id: EventID
    /// The name of the source (the `{source}` of `POST /hooks/{source}`).
    public var source: String
    public var kind: EventKind
    /// The provider format the source was parsed with, such as `generic`.
    public var format: String
    public var receivedAt: Date
    /// The provider's own id for the event, when it sends one.
    public var providerEventID: String?
    public var sender: Party
    public var recipient: String?
    public var subject: String?
    /// The plain-text body: the message of a form, the text of an email.
    public var text: String?
    public var html: String?
    /// Every submitted field, including the ones mapped to sender, subject and text.
    public var fields: [FormField]
    /// Request headers with lowercased names, without credentials or signatures.
    public var headers: [String: String]
    public var clientIP: String?

    public init(
        id: EventID,
        source: String,
        kind: EventKind,
        format: String,
        receivedAt: Date,
        providerEventID: String? = nil,
        sender: Party = Party(),
        recipient: String? = nil,
        subject: String? = nil,
        text: String? = nil,
        html: String? = nil,
        fields: [FormField] = [],
        headers: [String: String] = [:],
        clientIP: String? = nil
    ) {
        self.id = id
        self.source = source
        self.kind = kind
        self.format = format
        self.receivedAt = receivedAt
        self.providerEventID = providerEventID
        self.sender = sender
        self.recipient = recipient
        self.subject = subject
        self.text = text
        self.html = html
        self.fields = fields
        self.headers = headers
        self.clientIP = clientIP
    }
}
