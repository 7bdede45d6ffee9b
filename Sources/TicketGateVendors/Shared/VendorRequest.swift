import Foundation
import TicketGateCore

/// One HTTP request to a vendor, built by that vendor's request builder and sent by `VendorHTTP`.
struct VendorRequest: Sendable {
    var method: String
    /// The full URL.
    var url: String
    /// The path and query, for the audit.
    var path: String
    var headers: [(name: String, value: String)]
    var body: Data?
    /// Header names (lowercased) whose values are credentials; shown as placeholders when rendered.
    var credentialHeaders: Set<String> = []
    /// The body as the audit shows it, when that differs from the bytes sent: files as their size and type.
    var shownBody: String?
    /// The URL as the audit shows it, when that differs from the one sent: a secret it may carry left out.
    var shownURL: String?

    /// A request that can be repeated without creating anything twice.
    var isIdempotent: Bool { method == "GET" || method == "HEAD" }

    /// The path without its query, for log lines: queries can hold personal data such as an email address.
    var pathWithoutQuery: Substring { path.prefix { $0 != "?" } }

    /// The request written out for the audit, with credentials replaced by a placeholder.
    func rendered(condition: String? = nil) -> RenderedRequest {
        let shownHeaders = headers.map { header -> (String, String) in
            credentialHeaders.contains(header.name.lowercased()) ? (header.name, Self.maskedCredential(header.value)) : (header.name, header.value)
        }
        return RenderedRequest(
            method: method, url: shownURL ?? url, headers: shownHeaders, body: shownBody ?? body.map { String(decoding: $0, as: UTF8.self) },
            condition: condition)
    }

    /// Keeps a scheme word such as `Bearer` and hides the rest.
    private static func maskedCredential(_ value: String) -> String {
        guard let space = value.firstIndex(of: " "), value[..<space].allSatisfy({ $0.isASCII && $0.isLetter }) else { return "<credential>" }
        return "\(value[..<space]) <credential>"
    }
}

/// Builds requests against one base URL: percent-encoded paths and queries, JSON bodies, common headers.
struct RequestBuilder: Sendable {
    let baseURL: String
    let commonHeaders: [(name: String, value: String)]
    let credentialHeaders: Set<String>

    func get(_ path: String, query: [(String, String)] = []) -> VendorRequest {
        request("GET", path, query: query, body: nil, contentType: nil)
    }

    func postJSON(_ path: String, _ body: some Encodable) -> VendorRequest {
        // Our own wire structs of strings, numbers and lists, keys in the order each struct declares them;
        // encoding them cannot fail.
        let data = Data(try! CompactJSONEncoder().encode(body))
        return request("POST", path, query: [], body: data, contentType: "application/json")
    }

    func putJSON(_ path: String, _ body: some Encodable) -> VendorRequest {
        // As in `postJSON`: encoding the wire structs cannot fail.
        let data = Data(try! CompactJSONEncoder().encode(body))
        return request("PUT", path, query: [], body: data, contentType: "application/json")
    }

    /// A POST of a file's bytes as they are, with its own content type made safe for a header
    /// (`Attachment.safeContentType`); the audit shows its size and type.
    func postFile(_ path: String, query: [(String, String)], _ file: Attachment, bytes: Data) -> VendorRequest {
        let contentType = Attachment.safeContentType(file.contentType)
        var request = request("POST", path, query: query, body: bytes, contentType: contentType)
        request.shownBody = "<\(bytes.count) bytes of \(contentType)>"
        return request
    }

    /// A `multipart/form-data` POST of `form`.
    func postMultipart(_ path: String, _ form: MultipartForm) -> VendorRequest {
        let boundary = form.boundary
        var request = request("POST", path, query: [], body: form.body(boundary: boundary), contentType: "multipart/form-data; boundary=\(boundary)")
        request.shownBody = form.shownBody(boundary: boundary)
        return request
    }

    private func request(_ method: String, _ path: String, query: [(String, String)], body: Data?, contentType: String?) -> VendorRequest {
        var fullPath = path
        if !query.isEmpty {
            fullPath += "?" + query.map { "\(PercentEncoding.component($0.0))=\(PercentEncoding.component($0.1))" }.joined(separator: "&")
        }
        var headers = commonHeaders
        if let contentType {
            headers.append(("Content-Type", contentType))
        }
        return VendorRequest(
            method: method, url: baseURL + fullPath, path: fullPath, headers: headers, body: body, credentialHeaders: credentialHeaders)
    }
}
