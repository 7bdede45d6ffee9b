/// Why a delivery attempt did not succeed. A closed set, also used as a metric label.
package enum FailureReason: String, Sendable, Codable, CaseIterable {
    /// The vendor did not answer in time.
    case timeout
    /// The connection failed before an answer arrived.
    case transport
    /// The vendor answered 429.
    case rateLimited = "rate_limited"
    /// The vendor answered 5xx, 408 or 425.
    case serverError = "server_error"
    /// The vendor answered 401 or 403.
    case unauthorized
    /// The vendor answered 404.
    case notFound = "not_found"
    /// The vendor rejected the request with another 4xx.
    case rejected
    /// The vendor answered success with a body the gateway cannot read.
    case invalidResponse = "invalid_response"
    /// The event lacks something the vendor needs, so no request was sent.
    case invalidRequest = "invalid_request"
    /// The rules no longer define the delivery's destination.
    case unknownDestination = "unknown_destination"
    /// The gateway could not record progress in its own store.
    case storeUnavailable = "store_unavailable"
}

/// A failed attempt: the reason from the closed set, and the details for a person.
package struct DeliveryFailure: Error, Sendable, Codable, Equatable, CustomStringConvertible {
    package var reason: FailureReason
    package var detail: String

    package init(_ reason: FailureReason, _ detail: String) {
        self.reason = reason
        self.detail = detail
    }

    package var description: String { "\(reason.rawValue): \(detail)" }
}
