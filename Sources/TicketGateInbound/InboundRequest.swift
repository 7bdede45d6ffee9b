import Foundation
import HTTPTypes

/// A request to `POST /hooks/{source}` as the inbound stage sees it: the raw body bytes, the headers and the
/// query parameters.
package struct InboundRequest: Sendable {
    /// The body exactly as received; signatures are checked over these bytes.
    package var body: Data
    package var headers: HTTPFields
    /// Query parameters, decoded. Only the `token` scheme reads them.
    package var query: [String: String]
    /// The client's address, after trusted proxies.
    package var clientIP: String?
    /// `http` or `https`, as the client reached the gateway or the first trusted proxy.
    package var scheme: String?
    /// The gateway's clock when the request arrived; signed timestamps are checked against it.
    package var receivedAt: Date

    package init(
        body: Data, headers: HTTPFields, query: [String: String] = [:], clientIP: String? = nil, scheme: String? = nil, receivedAt: Date = Date()
    ) {
        self.body = body
        self.headers = headers
        self.query = query
        self.clientIP = clientIP
        self.scheme = scheme
        self.receivedAt = receivedAt
    }

    package var contentType: String? { headers[.contentType] }

    /// The value of header `name`, or `nil` when it is absent or the name is not a valid header name.
    func header(_ name: String) -> String? {
        HTTPField.Name(name).flatMap { headers[$0] }
    }
}
