/// A vendor request written out for a person: what dry run records and `explain` prints.
package struct RenderedRequest: Sendable, Codable, Equatable {
    package var method: String
    package var url: String
    /// Header names and values; credentials are shown as placeholders.
    package var headers: [[String]]
    package var body: String?
    /// When the request is sent, such as "only when the lookup finds no client".
    package var condition: String?

    package init(method: String, url: String, headers: [(String, String)], body: String?, condition: String? = nil) {
        self.method = method
        self.url = url
        self.headers = headers.map { [$0.0, $0.1] }
        self.body = body
        self.condition = condition
    }
}
