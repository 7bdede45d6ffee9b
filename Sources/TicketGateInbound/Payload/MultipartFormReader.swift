import Foundation
import MultipartKit
import NIOCore
import TicketGateCore

/// `multipart/form-data`, parsed by MultipartKit: each part's name, filename, content type and bytes.
enum MultipartFormReader {
    static func parse(_ body: Data, mediaType: MediaType) throws(InboundError) -> FormData {
        guard let boundary = mediaType.parameters["boundary"], !boundary.isEmpty else {
            throw InboundError(.malformedBody, "the multipart body has no boundary in its Content-Type")
        }
        let collector = PartCollector()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in collector.header(name, value) }
        parser.onBody = { buffer in collector.body(&buffer) }
        parser.onPartComplete = { collector.complete() }
        do {
            try parser.execute(ByteBuffer(bytes: body))
        } catch {
            throw InboundError(.malformedBody, "the multipart body does not parse")
        }
        // MultipartKit stops quietly at the end of its input, so a body cut short would pass as a complete one
        // with fewer parts. A complete body ends with the closing delimiter.
        let closing = Array("--\(boundary)--".utf8)
        let closed = body.withUnsafeBytes { bytes in
            closing.withUnsafeBufferPointer { ByteSearch.contains(bytes.bindMemory(to: UInt8.self), $0) }
        }
        guard collector.finished, closed else {
            throw InboundError(.malformedBody, "the multipart body ends before its closing boundary")
        }
        guard collector.count <= SourceEndpoint.maximumFields else { throw SourceEndpoint.tooManyFields(collector.count) }
        return FormData(parts: collector.parts)
    }
}

/// Gathers MultipartKit's callbacks into parts. Used by one parse on one thread.
private final class PartCollector {
    private(set) var parts: [FormData.Part] = []
    /// Every part completed, kept or not.
    private(set) var count = 0
    private var headers: [(String, String)] = []
    private var data: [UInt8] = []
    /// True once a part completed and nothing followed it: the closing boundary was reached or the body ended
    /// right after a part.
    private(set) var finished = false

    func header(_ name: String, _ value: String) {
        finished = false
        headers.append((name.lowercased(), value))
    }

    func body(_ buffer: inout ByteBuffer) {
        finished = false
        buffer.withUnsafeReadableBytes { data.append(contentsOf: $0) }
    }

    func complete() {
        count += 1
        // Past the most fields an event may have, parts are only counted: the body is refused once parsed.
        guard count <= SourceEndpoint.maximumFields else {
            headers = []
            data = []
            finished = true
            return
        }
        let disposition = HeaderParameters.parse(HeaderParameters.split(value("content-disposition") ?? "").dropFirst())
        let contentType = value("content-type")
        let media = MediaType(contentType: contentType)
        parts.append(
            FormData.Part(
                name: disposition["name"] ?? "",
                data: data,
                filename: disposition["filename"],
                contentType: contentType.map { _ in media.essence },
                charset: media.parameters["charset"]
            )
        )
        headers = []
        data = []
        finished = true
    }

    private func value(_ name: String) -> String? {
        headers.first { $0.0 == name }?.1
    }
}
