import Foundation
import HTTPTypes

/// A request to `POST /hooks/{source}` as the inbound stage sees it: the raw body bytes and the headers.
public struct InboundRequest: Sendable {
    /// The body exactly as received; signatures are checked over these bytes.
    public var body: Data
    public var headers: HTTPFields
    public var clientIP: String?
    public var receivedAt: Date

    public init(body: Data, headers: HTTPFields, clientIP: String? = nil, receivedAt: Date = Date()) {
        self.body = body
        self.headers = headers
        self.clientIP = clientIP
        self.receivedAt = receivedAt
    }

    public var contentType: String? { headers[.contentType] }
}
