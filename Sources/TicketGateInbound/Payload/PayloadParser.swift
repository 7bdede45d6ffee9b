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
            return .form(try MultipartForm.parse(request.body, mediaType: mediaType))
        case nil:
            throw InboundError(
                .unsupportedMediaType, "the gateway cannot read \(mediaType.essence.isEmpty ? "a body without Content-Type" : mediaType.essence)")
        }
    }

    static func json(_ body: Data) throws(InboundError) -> JSONValue {
        do {
            // Most bodies are objects: decoding one as an object skips the types `JSONValue` would try first.
            if body.first(where: { !isWhitespace($0) }) == UInt8(ascii: "{") {
                return .object(try decoder.decode([String: JSONValue].self, from: body))
            }
            return try decoder.decode(JSONValue.self, from: body)
        } catch {
            throw InboundError(.malformedBody, "the body is not valid JSON")
        }
    }

    private static let decoder = JSONDecoder()

    /// JSON's insignificant whitespace (RFC 8259).
    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}
