import Foundation

/// One request to a vendor as the audit keeps it, in the detail of a `vendor_call` record: written by the vendor
/// clients, read back by the console and `events show`. A call the vendor refused, or that got no answer, keeps
/// the body it sent (files as their size and type; credentials travel only in headers, never shown) and the
/// vendor's answer, each cut at `bodyLimit` characters.
package struct VendorCallRecord: AuditDetail, Equatable {
    /// The most characters of a body kept.
    package static let bodyLimit = 2000

    package var method: String
    /// The path and query.
    package var path: String
    /// The vendor's status; `nil` when no answer came.
    package var status: Int?
    package var durationMilliseconds: Double
    /// The vendor's id for the request, from the header it names.
    package var requestID: String?
    /// Why the call failed: the vendor's answer, or why none came.
    package var error: String?
    package var requestBody: String?
    package var responseBody: String?

    package init(
        method: String, path: String, status: Int?, durationMilliseconds: Double, requestID: String? = nil, error: String? = nil,
        requestBody: String? = nil, responseBody: String? = nil
    ) {
        self.method = method
        self.path = path
        self.status = status
        self.durationMilliseconds = durationMilliseconds
        self.requestID = requestID
        self.error = error
        self.requestBody = requestBody.map(Self.cut)
        self.responseBody = responseBody.map(Self.cut)
    }

    private enum CodingKeys: String, CodingKey {
        case method, path, status, error
        case durationMilliseconds = "duration_ms"
        case requestID = "request_id"
        case requestBody = "request_body"
        case responseBody = "response_body"
    }

    /// `text` cut at `bodyLimit` characters, saying so.
    private static func cut(_ text: String) -> String {
        text.count <= bodyLimit ? text : String(text.prefix(bodyLimit)) + "… (cut at \(bodyLimit) characters)"
    }
}
