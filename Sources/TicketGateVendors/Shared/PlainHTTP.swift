import AsyncHTTPClient
import Foundation

/// One HTTP request and its whole answer, on the shared AsyncHTTPClient: for the command line's calls to a
/// running gateway, which need none of the vendor clients' pacing, auditing or retries.
public enum PlainHTTP {
    /// The largest answer read.
    static let maximumBody = 16 << 20

    public static func exchange(
        _ method: String, url: String, headers: [(name: String, value: String)], timeoutSeconds: Int64 = 30
    ) async throws -> (status: Int, body: Data) {
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method)
        for header in headers {
            request.headers.add(name: header.name, value: header.value)
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(timeoutSeconds))
        let body = try await response.body.collect(upTo: maximumBody)
        return (Int(response.status.code), Data(body.readableBytesView))
    }
}
