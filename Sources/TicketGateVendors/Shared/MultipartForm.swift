import Foundation
import MultipartKit
import NIOCore
import NIOHTTP1
import TicketGateCore

/// A `multipart/form-data` body: text fields and files, serialized by MultipartKit. The boundary is derived
/// from the content, so the same form is always written the same way (a dry run or `explain` shows what
/// would be sent, byte for byte), and is checked not to occur in it.
struct MultipartForm: Sendable {
    private var parts: [MultipartPart] = []
    /// The parts as the audit shows them: a file's bytes are replaced by its size and type.
    private var shownParts: [MultipartPart] = []

    /// `ticketgate-` and a 64-bit FNV-1a hash of the parts, salted again in the unlikely case it occurs in them.
    var boundary: String {
        let contents = parts.flatMap { part in part.headers.map { "\($0.name): \($0.value)" }.joined().utf8 + Array(part.body.readableBytesView) }
        var salt: UInt64 = 0
        while true {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325 &+ salt
            for byte in contents {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            }
            let boundary = "ticketgate-" + String(hash, radix: 16)
            if !ByteSearch.contains(contents, Array(boundary.utf8)) { return boundary }
            salt &+= 1
        }
    }

    /// Adds a text field.
    mutating func add(_ name: String, _ value: String) {
        let part = MultipartPart(headers: ["Content-Disposition": "form-data; name=\"\(Self.quoted(name))\""], body: value)
        parts.append(part)
        shownParts.append(part)
    }

    /// Adds a file under `name` with its file name and content type, both made safe for a part header again
    /// (events stored before the inbound stage made them safe may hold anything).
    mutating func addFile(_ name: String, _ file: Attachment) {
        let contentType = Attachment.safeContentType(file.contentType)
        let headers: HTTPHeaders = [
            "Content-Disposition": "form-data; name=\"\(Self.quoted(name))\"; filename=\"\(Self.quoted(Attachment.safeName(file.name)))\"",
            "Content-Type": contentType,
        ]
        let bytes = file.data ?? []
        parts.append(MultipartPart(headers: headers, body: bytes))
        shownParts.append(MultipartPart(headers: headers, body: "<\(bytes.count) bytes of \(contentType)>"))
    }

    func body(boundary: String) -> Data { Data(Self.serialize(parts, boundary: boundary).utf8Bytes) }
    /// The body with each file's bytes replaced by its size and type.
    func shownBody(boundary: String) -> String { String(decoding: Self.serialize(shownParts, boundary: boundary).utf8Bytes, as: UTF8.self) }

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
