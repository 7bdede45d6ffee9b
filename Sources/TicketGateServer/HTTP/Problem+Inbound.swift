import HTTPTypes
import TicketGateInbound

extension Problem {
    /// The answer to a refused inbound request, by the check that failed: 401 for signatures, timestamps and
    /// credentials, 413 for attachments, 415 for content types, 400 for bodies that do not parse, 422 for
    /// bodies that lack what the event needs.
    init(inbound error: InboundError) {
        let (status, title): (HTTPResponse.Status, String) =
            switch error.check {
            case .signatureMissing: (.unauthorized, "Signature missing")
            case .signatureMismatch: (.unauthorized, "Signature mismatch")
            case .timestampTooOld: (.unauthorized, "Timestamp too old")
            case .timestampInFuture: (.unauthorized, "Timestamp in the future")
            case .credentialsMissing: (.unauthorized, "Credentials missing")
            case .credentialsInvalid: (.unauthorized, "Credentials invalid")
            case .unsupportedMediaType: (.unsupportedMediaType, "Unsupported media type")
            case .malformedBody: (.badRequest, "Malformed body")
            case .missingFields: (.unprocessableContent, "Missing fields")
            case .invalidField: (.unprocessableContent, "Invalid field")
            case .tooManyAttachments: (.contentTooLarge, "Too many attachments")
            case .attachmentTooLarge: (.contentTooLarge, "Attachment too large")
            case .tooManyFields: (.contentTooLarge, "Too many fields")
            case .tooManyTurns: (.contentTooLarge, "Too many chat turns")
            default: (.badRequest, "Refused")
            }
        self.init(status, error.check.rawValue, title: title, detail: error.detail)
        if error.check == .credentialsMissing || error.check == .credentialsInvalid {
            headers[.wwwAuthenticate] = #"Basic realm="ticketgate", charset="UTF-8""#
        }
    }
}
