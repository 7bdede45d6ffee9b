/// One inbound endpoint, `POST /hooks/<name>`, as the rules define it.
public struct SourceDefinition: Sendable, Equatable {
    /// The largest body a source accepts unless it says otherwise: 1 MiB.
    public static let defaultMaxBodyBytes = 1 << 20

    public var name: String
    public var kind: EventKind
    public var format: String
    public var verification: VerificationSettings
    public var fields: FieldMap
    public var maxBodyBytes: Int

    public init(
        name: String,
        kind: EventKind,
        format: String = "generic",
        verification: VerificationSettings,
        fields: FieldMap = FieldMap(),
        maxBodyBytes: Int = SourceDefinition.defaultMaxBodyBytes
    ) {
        self.name = name
        self.kind = kind
        self.format = format
        self.verification = verification
        self.fields = fields
        self.maxBodyBytes = maxBodyBytes
    }
}
