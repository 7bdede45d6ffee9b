import Foundation

/// One event from an inbound provider, normalized so that rules and vendors never see a provider's own shape.
package struct InboundEvent: Sendable, Codable, Equatable {
    package var id: EventID
    /// The name of the source (the `{source}` of `POST /hooks/{source}`).
    package var source: String
    package var kind: EventKind
    /// The provider format the source was parsed with, such as `generic` or `mailgun`.
    package var format: String
    package var receivedAt: Date
    /// When the provider says the event happened.
    package var occurredAt: Date?
    /// The provider's own id for the event, when it sends one.
    package var providerEventID: String?
    package var sender: Party
    /// The mailbox, form or inbox the event was addressed to.
    package var recipient: String?
    package var subject: String?
    /// The best plain-text body: the reply without its quote when the provider strips it, the form's message,
    /// or what the customer wrote in a chat.
    package var text: String?
    /// The whole plain-text body when `text` is a stripped reply.
    package var fullText: String?
    package var html: String?
    /// Every submitted field, including the ones mapped to sender, subject and text.
    package var fields: [FormField]
    /// Request headers with lowercased names, without credentials or signatures.
    package var headers: [String: String]
    package var clientIP: String?
    package var thread: ThreadKeys
    /// The addresses an email was copied to (`Cc`), when it had any.
    package var cc: [String]?
    package var transcript: ChatTranscript?
    package var attachments: [Attachment]
    package var signals: SpamSignals?

    package init(
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
