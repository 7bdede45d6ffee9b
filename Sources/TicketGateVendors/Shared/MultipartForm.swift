import Foundation
import MultipartKit
import NIOCore
import NIOHTTP1
import TicketGateCore

/// A `multipart/form-data` body: text fields and files, serialized by MultipartKit.
struct MultipartForm: Sendable {
    private var parts: [MultipartPart] = []
    /// The parts as the audit shows them: a file's bytes are replaced by its size and type.
    private var shownParts: [MultipartPart] = []
    let boundary: String

    init(boundary: String = "ticketgate-\(UUID().uuidString.lowercased())") {
        self.boundary = boundary
    }

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    /// Adds a text field.
    mutating func add(_ name: String, _ value: String) {
        let part = MultipartPart(headers: ["Content-Disposition": "form-data; name=\"\(Self.quoted(name))\""], body: value)
        parts.append(part)
        shownParts.append(part)
    }

    /// Adds a file under `name` with its file name and content type.
    mutating func addFile(_ name: String, _ file: Attachment) {
        let headers: HTTPHeaders = [
            "Content-Disposition": "form-data; name=\"\(Self.quoted(name))\"; filename=\"\(Self.quoted(file.name))\"",
            "Content-Type": file.contentType,
        ]
        let bytes = file.data ?? []
        parts.append(MultipartPart(headers: headers, body: bytes))
        shownParts.append(MultipartPart(headers: headers, body: "<\(bytes.count) bytes of \(file.contentType)>"))
    }

    var body: Data { Data(Self.serialize(parts, boundary: boundary).utf8Bytes) }
    var shownBody: String { String(decoding: Self.serialize(shownParts, boundary: boundary).utf8Bytes, as: UTF8.self) }

    private static func serialize(_ parts: [MultipartPart], boundary: String) -> ByteBuffer {
        var buffer = ByteBuffer()
        // Serializing parts built here into a buffer cannot fail.
        try! MultipartSerializer().serialize(parts: parts, boundary: boundary, into: &buffer)
        return buffer
    }

    /// A name or file name for a quoted header parameter, escaped as browsers do: `"` as `%22`, line breaks
    /// as `%0D` and `%0A`.
    private static func quoted(_ text: String) -> String {
        text.replacingOccurrences(of: "\"", with: "%22").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }
}

extension ByteBuffer {
    fileprivate var utf8Bytes: [UInt8] { Array(readableBytesView) }
}
