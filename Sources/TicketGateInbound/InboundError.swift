/// Why an inbound request was refused. `check` names the check that failed; `detail` explains it to the sender
/// and never holds a secret, a signature or the body.
public struct InboundError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable name for the check that failed, used as the problem `type` and as a metric label.
    public struct Check: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String

        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// The request carries no signature where the source expects one.
        public static let signatureMissing = Check(rawValue: "signature-missing")
        /// The signature does not match any configured secret.
        public static let signatureMismatch = Check(rawValue: "signature-mismatch")
        /// The signed timestamp is older than the tolerance allows: a replay, or a delivery retried too late.
        public static let timestampTooOld = Check(rawValue: "timestamp-too-old")
        /// The signed timestamp is further in the future than the tolerance allows.
        public static let timestampInFuture = Check(rawValue: "timestamp-in-future")
        /// The request carries no basic-auth user or token where the source expects one.
        public static let credentialsMissing = Check(rawValue: "credentials-missing")
        /// The basic-auth user and password, or the token, are not ones the source accepts.
        public static let credentialsInvalid = Check(rawValue: "credentials-invalid")
        /// The source does not accept the request's content type.
        public static let unsupportedMediaType = Check(rawValue: "unsupported-media-type")
        /// The body cannot be parsed as its content type says.
        public static let malformedBody = Check(rawValue: "malformed-body")
        /// The body parsed, but lacks what the event kind needs.
        public static let missingFields = Check(rawValue: "missing-fields")
        /// A field is present but unusable, such as a sender email that is not an address.
        public static let invalidField = Check(rawValue: "invalid-field")
        /// A provider handshake (such as Intercom's ping) that is acknowledged but is not an event.
        public static let ignored = Check(rawValue: "ignored")
        /// More attachments than the source accepts.
        public static let tooManyAttachments = Check(rawValue: "too-many-attachments")
        /// An attachment larger than the source accepts.
        public static let attachmentTooLarge = Check(rawValue: "attachment-too-large")
        /// More submitted fields than any form has (`SourceEndpoint.maximumFields`).
        public static let tooManyFields = Check(rawValue: "too-many-fields")
        /// More chat turns than a ticket can show (`SourceEndpoint.maximumTurns`).
        public static let tooManyTurns = Check(rawValue: "too-many-turns")

        public var description: String { rawValue }
    }

    public let check: Check
    public let detail: String

    public init(_ check: Check, _ detail: String) {
        self.check = check
        self.detail = detail
    }

    public var description: String { "\(check): \(detail)" }
}
