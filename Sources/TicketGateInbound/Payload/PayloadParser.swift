import Foundation
import TicketGateCore

/// Parses a request body by its content type: JSON, `application/x-www-form-urlencoded` or
/// `multipart/form-data`. Anything that does not parse is `malformedBody`.
enum PayloadParser {
    static func parse(_ request: InboundRequest) throws(InboundError) -> Payload {
        let mediaType = MediaType(contentType: request.contentType)
        switch mediaType.kind {
        case .json:
            return .json(try json(request.body))
        case .urlEncoded:
            return .form(try URLEncodedForm.parse(request.body))
        case .multipart:
            return .form(try MultipartFormReader.parse(request.body, mediaType: mediaType))
        case nil:
            throw InboundError(
                .unsupportedMediaType, "the gateway cannot read \(mediaType.essence.isEmpty ? "a body without Content-Type" : mediaType.essence)")
        }
    }

    static func json(_ body: Data) throws(InboundError) -> JSONValue {
        do {
            return try JSONReader.read(body)
        } catch {
            throw InboundError(.malformedBody, "the body is not valid JSON: \(error.reason) at byte \(error.offset)")
        }
    }
}
