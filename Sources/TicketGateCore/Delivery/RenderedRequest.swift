/// A vendor request written out for a person: what dry run records and `explain` prints.
public struct RenderedRequest: Sendable, Codable, Equatable {
    public var method: String
    public var url: String
    /// Header names and values; credentials are shown as placeholders.
    public var headers: [[String]]
    public var body: String?
    /// When the request is sent, such as "only when the lookup finds no client".
    public var condition: String?

    public init(method: String, url: String, headers: [(String, String)], body: String?, condition: String? = nil) {
        self.method = method
        self.url = url
        self.headers = headers.map { [$0.0, $0.1] }
        self.body = body
        self.condition = condition
    }
}
