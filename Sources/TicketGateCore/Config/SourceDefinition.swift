/// One inbound endpoint, `POST /hooks/<name>`, as the rules define it.
package struct SourceDefinition: Sendable, Equatable {
    package var name: String
    package var kind: EventKind
    package var format: String
    package var verification: VerificationSettings
    /// Which fields hold the sender, subject and message, where the format lets the rules choose.
    package var fields: FieldMap
    package var limits: SourceLimits

    package init(
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
package struct SourceLimits: Sendable, Equatable {
    package var maxBodyBytes: Int
    package var maxAttachments: Int
    package var maxAttachmentBytes: Int
    /// The media types accepted; `nil` means the ones the format reads.
    package var contentTypes: [String]?
    /// Requests one client address may make; `nil` means no limit.
    package var ratePerClient: RateLimit?

    package init(
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
    package init(for kind: EventKind) {
        self.init(maxBodyBytes: kind == .email ? 25 << 20 : 1 << 20)
    }
}
