import Foundation
import HTTPTypes

/// A request to `POST /hooks/{source}` as the inbound stage sees it: the raw body bytes, the headers and the
/// query parameters.
public struct InboundRequest: Sendable {
    /// The body exactly as received; signatures are checked over these bytes.
    public var body: Data
    public var headers: HTTPFields
    /// Query parameters, decoded. Only the `token` scheme reads them.
    public var query: [String: String]
    /// The client's address, after trusted proxies.
    public var clientIP: String?
    /// `http` or `https`, as the client reached the gateway or the first trusted proxy.
    public var scheme: String?
    /// The gateway's clock when the request arrived; signed timestamps are checked against it.
    public var receivedAt: Date

    public init(
        body: Data, headers: HTTPFields, query: [String: String] = [:], clientIP: String? = nil, scheme: String? = nil, receivedAt: Date = Date()
    ) {
        self.body = body
        self.headers = headers
        self.query = query
        self.clientIP = clientIP
        self.scheme = scheme
        self.receivedAt = receivedAt
    }

    public var contentType: String? { headers[.contentType] }

    /// The value of header `name`, or `nil` when it is absent or the name is not a valid header name.
    func header(_ name: String) -> String? {
        HTTPField.Name(name).flatMap { headers[$0] }
    }
}
