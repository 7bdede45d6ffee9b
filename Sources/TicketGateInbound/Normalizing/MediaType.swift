/// The media type of a `Content-Type` header, lowercased and without parameters.
struct MediaType: Equatable {
    let essence: String

    init(contentType: String?) {
        let main = contentType?.split(separator: ";", maxSplits: 1).first ?? ""
        essence = Substring(main).trimmingSpaces.lowercased()
    }

    var isJSON: Bool { essence == "application/json" || essence.hasSuffix("+json") }
    var isURLEncodedForm: Bool { essence == "application/x-www-form-urlencoded" }
}
