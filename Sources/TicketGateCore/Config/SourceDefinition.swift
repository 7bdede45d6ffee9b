/// One inbound endpoint, `POST /hooks/<name>`, as the rules define it.
public struct SourceDefinition: Sendable, Equatable {
    public var name: String
    public var kind: EventKind
    public var format: String
    public var verification: VerificationSettings
    /// Which fields hold the sender, subject and message, where the format lets the rules choose.
    public var fields: FieldMap
    public var limits: SourceLimits

    public init(
        name: String,
        kind: EventKind,
        format: String = "generic",
        verification: VerificationSettings,
        fields: FieldMap = FieldMap(),
        limits: SourceLimits? = nil
    ) {
        self.name = name
        self.kind = kind
        self.format = format
        self.verification = verification
        self.fields = fields
        self.limits = limits ?? SourceLimits(for: kind)
    }
}

/// What a source accepts: body size, attachments, content types, and requests per client address.
public struct SourceLimits: Sendable, Equatable {
    public var maxBodyBytes: Int
    public var maxAttachments: Int
    public var maxAttachmentBytes: Int
    /// The media types accepted; `nil` means the ones the format reads.
    public var contentTypes: [String]?
    /// Requests one client address may make; `nil` means no limit.
    public var ratePerClient: RateLimit?

    public init(
        maxBodyBytes: Int, maxAttachments: Int = 10, maxAttachmentBytes: Int = 10 << 20, contentTypes: [String]? = nil,
        ratePerClient: RateLimit? = nil
    ) {
        self.maxBodyBytes = maxBodyBytes
        self.maxAttachments = maxAttachments
        self.maxAttachmentBytes = maxAttachmentBytes
        self.contentTypes = contentTypes
        self.ratePerClient = ratePerClient
    }

    /// The defaults: 1 MiB for forms and chats, 25 MiB for email (which carries attachments), up to 10
    /// attachments of up to 10 MiB each.
    public init(for kind: EventKind) {
        self.init(maxBodyBytes: kind == .email ? 25 << 20 : 1 << 20)
    }
}
