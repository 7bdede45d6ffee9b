/// A file that came with an event: its bytes when the provider posted them, or the URL it can be fetched from.
public struct Attachment: Sendable, Codable, Equatable {
    public var name: String
    public var contentType: String
    /// The size in bytes, as posted or as the provider reports it.
    public var size: Int?
    /// The `Content-ID` an HTML body refers to the file by, for inline images.
    public var contentID: String?
    /// True for a file shown inside the body rather than attached to it.
    public var inline: Bool
    /// Where the provider keeps the file, when it did not post the bytes.
    public var url: String?
    /// The file's bytes, when the provider posted them. Stored apart from the event, so not encoded with it.
    public var data: [UInt8]?

    public init(
        name: String,
        contentType: String,
        size: Int? = nil,
        contentID: String? = nil,
        inline: Bool = false,
        url: String? = nil,
        data: [UInt8]? = nil
    ) {
        self.name = name
        self.contentType = contentType
        self.size = size ?? data?.count
        self.contentID = contentID
        self.inline = inline
        self.url = url
        self.data = data
    }

    private enum CodingKeys: String, CodingKey {
        case name, contentType, size, contentID, inline, url
    }
}
