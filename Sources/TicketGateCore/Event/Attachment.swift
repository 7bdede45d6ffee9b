/// A file that came with an event: its bytes when the provider posted them, or the URL it can be fetched from.
package struct Attachment: Sendable, Codable, Equatable {
    package var name: String
    package var contentType: String
    /// The size in bytes, as posted or as the provider reports it.
    package var size: Int?
    /// The `Content-ID` an HTML body refers to the file by, for inline images.
    package var contentID: String?
    /// True for a file shown inside the body rather than attached to it.
    package var inline: Bool
    /// Where the provider keeps the file, when it did not post the bytes.
    package var url: String?
    /// The file's bytes, when the provider posted them. Stored apart from the event, so not encoded with it.
    package var data: [UInt8]?

    package init(
        name: String,
        contentType: String,
        size: Int? = nil,
        contentID: String? = nil,
        inline: Bool = false,
        url: String? = nil,
        data: [UInt8]? = nil
    ) {
        self.name = Self.safeName(name)
        self.contentType = Self.safeContentType(contentType)
        self.size = size ?? data?.count
        self.contentID = contentID
        self.inline = inline
        self.url = url
        self.data = data
    }

    /// A file name that is safe to pass on to a vendor or a disk: its last path component (after `/` or `\\`),
    /// without control characters and without the bidirectional controls (Bidi_Control: U+061C, U+200E, U+200F,
    /// U+202A to U+202E, U+2066 to U+2069), which can make `invoice\u{202E}fdp.exe` show as `invoiceexe.pdf`;
    /// at most 255 UTF-8 bytes; `attachment` when nothing usable is left. Other invisible format characters
    /// stay: they reorder nothing, and some are how names are written (U+200C and U+200D in Persian, Indic
    /// scripts and emoji).
    package static func safeName(_ name: String) -> String {
        let lastComponent = name.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? ""
        var kept = String.UnicodeScalarView()
        var bytes = 0
        for scalar in lastComponent.unicodeScalars where scalar.properties.generalCategory != .control && !scalar.properties.isBidiControl {
            bytes += UTF8.width(scalar)
            guard bytes <= 255 else { break }
            kept.append(scalar)
        }
        let trimmed = String(kept).trimmingWhitespace()
        return trimmed.isEmpty || trimmed == "." || trimmed == ".." ? "attachment" : trimmed
    }

    /// A content type that is safe in a header: `type/subtype` of token characters, with parameters of
    /// printable ASCII after a `;`; anything else is `application/octet-stream`.
    package static func safeContentType(_ contentType: String) -> String {
        let bytes = Array(contentType.utf8)
        let essence = bytes.prefix { $0 != UInt8(ascii: ";") }.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        guard bytes.count <= 255, bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }), essence.count == 2,
            essence.allSatisfy({ !$0.isEmpty && $0.allSatisfy(isTokenByte) })
        else { return "application/octet-stream" }
        return contentType
    }

    /// A character of an RFC 9110 token: printable ASCII but separators.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F && !#"()<>@,;:\"/[]?={}"#.utf8.contains(byte)
    }

    private enum CodingKeys: String, CodingKey {
        case name, contentType, size, contentID, inline, url
    }
}
