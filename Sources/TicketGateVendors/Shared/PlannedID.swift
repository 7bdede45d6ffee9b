/// An id the vendor gave, as a request body carries it: a number when sent; a placeholder when a dry run
/// cannot know it, because an earlier request would have created it.
enum PlannedID: Encodable, Sendable, Equatable {
    case id(Int64)
    case placeholder(String)

    init(_ id: Int) {
        self = .id(Int64(id))
    }

    /// The id as a form field's text.
    var text: String {
        switch self {
        case .id(let id): String(id)
        case .placeholder(let text): text
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .id(let id): try container.encode(id)
        case .placeholder(let text): try container.encode(text)
        }
    }
}
