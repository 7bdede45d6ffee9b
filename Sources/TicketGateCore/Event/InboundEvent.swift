import Foundation

/// One event from an inbound provider, normalized so that rules and vendors never see a provider's own shape.
public struct InboundEvent: Sendable, Codable, Equatable {
    public var id: EventID
    /// The name of the source (the `{source}` of `POST /hooks/{source}`).
    public var source: String
    public var kind: EventKind
    /// The provider format the source was parsed with, such as `generic` or `mailgun`.
    public var format: String
    public var receivedAt: Date
    /// When the provider says the event happened.
    public var occurredAt: Date?
    /// The provider's own id for the event, when it sends one.
    public var providerEventID: String?
    public var sender: Party
    /// The mailbox, form or inbox the event was addressed to.
    public var recipient: String?
    public var subject: String?
    /// The best plain-text body: the reply without its quote when the provider strips it, the form's message,
    /// or what the customer wrote in a chat.
    public var text: String?
    /// The whole plain-text body when `text` is a stripped reply.
    public var fullText: String?
    public var html: String?
    /// Every submitted field, including the ones mapped to sender, subject and text.
    public var fields: [FormField]
    /// Request headers with lowercased names, without credentials or signatures.
    public var headers: [String: String]
    public var clientIP: String?
    public var thread: ThreadKeys
    /// The addresses an email was copied to (`Cc`), when it had any.
    public var cc: [String]?
    public var transcript: ChatTranscript?
    public var attachments: [Attachment]
    public var signals: SpamSignals?

    public init(
        id: EventID,
        source: String,
        kind: EventKind,
        format: String,
        receivedAt: Date,
        occurredAt: Date? = nil,
        providerEventID: String? = nil,
        sender: Party = Party(),
        recipient: String? = nil,
        subject: String? = nil,
        text: String? = nil,
        fullText: String? = nil,
        html: String? = nil,
        fields: [FormField] = [],
        headers: [String: String] = [:],
        clientIP: String? = nil,
        thread: ThreadKeys = ThreadKeys(),
        cc: [String]? = nil,
        transcript: ChatTranscript? = nil,
        attachments: [Attachment] = [],
        signals: SpamSignals? = nil
    ) {
        self.id = id
        self.source = source
        self.kind = kind
        self.format = format
        self.receivedAt = receivedAt
        self.occurredAt = occurredAt
        self.providerEventID = providerEventID
        self.sender = sender
        self.recipient = recipient
        self.subject = subject
        self.text = text
        self.fullText = fullText
        self.html = html
        self.fields = fields
        self.headers = headers
        self.clientIP = clientIP
        self.thread = thread
        self.cc = cc
        self.transcript = transcript
        self.attachments = attachments
        self.signals = signals
    }
}
