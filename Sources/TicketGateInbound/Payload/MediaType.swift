/// The media type of a `Content-Type` header, lowercased, with its parameters.
package struct MediaType: Equatable {
    /// `type/subtype` without parameters.
    package let essence: String
    let parameters: [String: String]

    package init(contentType: String?) {
        // Most requests name a bare media type: without a `;` there are no parameters to split off.
        if let contentType, !contentType.utf8.contains(UInt8(ascii: ";")) {
            essence = contentType.trimmingSpaces.lowercased()
            parameters = [:]
            return
        }
        let parts = HeaderParameters.split(contentType ?? "")
        essence = (parts.first ?? "").lowercased()
        parameters = HeaderParameters.parse(parts.dropFirst())
    }

    var kind: MediaKind? {
        if essence == "application/json" || essence.hasSuffix("+json") { return .json }
        if essence == "application/x-www-form-urlencoded" { return .urlEncoded }
        if essence == "multipart/form-data" { return .multipart }
        return nil
    }
}

/// The body encodings the gateway parses.
package enum MediaKind: String, Sendable, CaseIterable {
    case json = "application/json"
    case urlEncoded = "application/x-www-form-urlencoded"
    case multipart = "multipart/form-data"
}
