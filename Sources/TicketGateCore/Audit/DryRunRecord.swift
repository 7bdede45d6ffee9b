/// A request a dry run would have sent, as the audit keeps it in a `dry_run` record's detail: written by the
/// dry-run client, read back by the console and `events show`.
package struct DryRunRecord: AuditDetail, Equatable {
    package var method: String
    package var url: String
    /// `Name: value`, credentials shown as placeholders.
    package var headers: [String]
    package var body: String?
    /// When the request is sent, such as "only when the lookup finds no client".
    package var condition: String?

    package init(_ request: RenderedRequest) {
        method = request.method
        url = request.url
        headers = request.headers.map { $0.joined(separator: ": ") }
        body = request.body
        condition = request.condition
    }
}
