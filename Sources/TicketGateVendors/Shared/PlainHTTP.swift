import AsyncHTTPClient
import Foundation

/// One HTTP request and its whole answer, on AsyncHTTPClient: for the command line's calls to a
/// running gateway, which need none of the vendor clients' pacing, auditing or retries.
package enum PlainHTTP {
    /// The largest answer read.
    static let maximumBody = 16 << 20

    /// A client that fails at once when nothing listens: the shared one retries a refused connection until
    /// the request's deadline, so an operator whose gateway is down waited 30 seconds to be told so.
    private static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    package static func exchange(
        _ method: String, url: String, headers: [(name: String, value: String)], body: Data? = nil, timeoutSeconds: Int64 = 30
    ) async throws -> (status: Int, body: Data) {
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method)
        for header in headers {
            request.headers.add(name: header.name, value: header.value)
        }
        if let body { request.body = .bytes(body) }
        let response = try await client.execute(request, timeout: .seconds(timeoutSeconds))
        let answer = try await response.body.collect(upTo: maximumBody)
        return (Int(response.status.code), Data(answer.readableBytesView))
    }
}
