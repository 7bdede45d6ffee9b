/// Why an inbound request was refused. `check` names the check that failed; `detail` explains it to the sender
/// and never holds a secret, a signature or the body.
package struct InboundError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable name for the check that failed, used as the problem `type` and as a metric label.
    package struct Check: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        package let rawValue: String

        package init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// The request carries no signature where the source expects one.
        package static let signatureMissing = Check(rawValue: "signature-missing")
        /// The signature does not match any configured secret.
        package static let signatureMismatch = Check(rawValue: "signature-mismatch")
        /// The signed timestamp is older than the tolerance allows: a replay, or a delivery retried too late.
        package static let timestampTooOld = Check(rawValue: "timestamp-too-old")
        /// The signed timestamp is further in the future than the tolerance allows.
        package static let timestampInFuture = Check(rawValue: "timestamp-in-future")
        /// The request carries no basic-auth user or token where the source expects one.
        package static let credentialsMissing = Check(rawValue: "credentials-missing")
        /// The basic-auth user and password, or the token, are not ones the source accepts.
        package static let credentialsInvalid = Check(rawValue: "credentials-invalid")
        /// The source does not accept the request's content type.
        package static let unsupportedMediaType = Check(rawValue: "unsupported-media-type")
        /// The body cannot be parsed as its content type says.
        package static let malformedBody = Check(rawValue: "malformed-body")
        /// The body parsed, but lacks what the event kind needs.
        package static let missingFields = Check(rawValue: "missing-fields")
        /// A field is present but unusable, such as a sender email that is not an address.
        package static let invalidField = Check(rawValue: "invalid-field")
        /// A provider handshake (such as Intercom's ping) that is acknowledged but is not an event.
        package static let ignored = Check(rawValue: "ignored")
        /// More attachments than the source accepts.
        package static let tooManyAttachments = Check(rawValue: "too-many-attachments")
        /// An attachment larger than the source accepts.
        package static let attachmentTooLarge = Check(rawValue: "attachment-too-large")
        /// More submitted fields than any form has (`SourceEndpoint.maximumFields`).
        package static let tooManyFields = Check(rawValue: "too-many-fields")
        /// More chat turns than a ticket can show (`SourceEndpoint.maximumTurns`).
        package static let tooManyTurns = Check(rawValue: "too-many-turns")

        package var description: String { rawValue }
    }

    package let check: Check
    package let detail: String

    package init(_ check: Check, _ detail: String) {
        self.check = check
        self.detail = detail
    }

    package var description: String { "\(check): \(detail)" }
}
