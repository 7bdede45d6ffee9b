import Foundation

/// What a scheme signs, written as a template such as `{timestamp}.{body}`, compiled once into pieces.
struct SignedContent: Sendable, Equatable {
    enum Piece: Sendable, Equatable {
        case literal([UInt8])
        case body
        case timestamp
        case id
    }

    let pieces: [Piece]

    /// The placeholders a template may use.
    static let placeholders = ["{body}", "{timestamp}", "{id}"]

    init(_ template: String) {
        var pieces: [Piece] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            let placeholder = Self.placeholders.first { rest[open...].hasPrefix($0) }
            guard let placeholder else {
                pieces.append(.literal(Array(rest[...open].utf8)))
                rest = rest[rest.index(after: open)...]
                continue
            }
            if open > rest.startIndex { pieces.append(.literal(Array(rest[..<open].utf8))) }
            switch placeholder {
            case "{body}": pieces.append(.body)
            case "{timestamp}": pieces.append(.timestamp)
            default: pieces.append(.id)
            }
            rest = rest[rest.index(open, offsetBy: placeholder.count)...]
        }
        if !rest.isEmpty { pieces.append(.literal(Array(rest.utf8))) }
        self.pieces = pieces
    }

    var usesID: Bool { pieces.contains(.id) }

    /// The bytes to sign for one request.
    func bytes(body: Data, timestamp: String?, id: String?) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(body.count + 64)
        for piece in pieces {
            switch piece {
            case .literal(let literal): bytes += literal
            case .body: bytes += body
            case .timestamp: bytes += Array((timestamp ?? "").utf8)
            case .id: bytes += Array((id ?? "").utf8)
            }
        }
        return bytes
    }
}
