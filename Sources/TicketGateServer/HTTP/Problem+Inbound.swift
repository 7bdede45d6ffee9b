import HTTPTypes
import TicketGateInbound

extension Problem {
    /// The answer to a refused inbound request: 401 for signatures, 415 for content types, 400 for bodies
    /// that do not parse, 422 for bodies that lack what the event needs.
    init(inbound error: InboundError) {
        let (status, title): (HTTPResponse.Status, String) =
            switch error.check {
            case .signatureMissing: (.unauthorized, "Signature missing")
            case .signatureMismatch: (.unauthorized, "Signature mismatch")
            case .unsupportedMediaType: (.unsupportedMediaType, "Unsupported media type")
            case .malformedBody: (.badRequest, "Malformed body")
            case .missingFields: (.unprocessableContent, "Missing fields")
            case .invalidField: (.unprocessableContent, "Invalid field")
            default: (.badRequest, "Refused")
            }
        self.init(status, error.check.rawValue, title: title, detail: error.detail)
    }
}
