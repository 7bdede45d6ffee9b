import HTTPTypes

/// Chooses which request headers the event keeps: everything but credentials and signatures.
enum HeaderFilter {
    /// Headers that carry credentials whatever the source.
    static let alwaysDropped: Set<String> = ["authorization", "proxy-authorization", "cookie"]

    /// The headers with lowercased names; repeated headers are joined with ", ".
    static func retained(_ headers: HTTPFields, dropping credentials: Set<String>) -> [String: String] {
        var kept: [String: String] = [:]
        for field in headers {
            let name = field.name.canonicalName
            guard !alwaysDropped.contains(name), !credentials.contains(name) else { continue }
            if let earlier = kept[name] {
                kept[name] = earlier + ", " + field.value
            } else {
                kept[name] = field.value
            }
        }
        return kept
    }
}
