import AsyncHTTPClient
import Foundation

/// A client of the gateway's admin API. It sends the bearer token and turns a problem document into a
/// `CommandFailure` with its detail.
struct AdminClient: Sendable {
    let baseURL: String
    let token: String

    func get<Answer: Decodable>(_ path: String, query: [(String, String?)] = [], as type: Answer.Type) async throws -> Answer {
        try await send("GET", path, query: query, as: type)
    }

    /// A POST; a `409` answer that still carries `Answer` (such as a replay that queued nothing) is returned.
    func post<Answer: Decodable>(_ path: String, query: [(String, String?)] = [], as type: Answer.Type) async throws -> Answer {
        try await send("POST", path, query: query, as: type)
    }

    private func send<Answer: Decodable>(_ method: String, _ path: String, query: [(String, String?)], as type: Answer.Type) async throws -> Answer {
        guard var components = URLComponents(string: baseURL + path) else { throw CommandFailure("\(baseURL) is not a URL") }
        let items = query.compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
        components.queryItems = items.isEmpty ? nil : items
        guard let url = components.url else { throw CommandFailure("\(baseURL)\(path) is not a URL") }
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .init(rawValue: method)
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Accept", value: "application/json")
        let status: Int
        let data: Data
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            status = Int(response.status.code)
            data = Data(buffer: try await response.body.collect(upTo: 16 << 20))
        } catch {
            throw CommandFailure("cannot reach the gateway at \(baseURL): \(error)")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        if (200..<300).contains(status) || status == 409, let answer = try? decoder.decode(Answer.self, from: data) {
            return answer
        }
        let detail = (try? decoder.decode(ProblemDetail.self, from: data))?.detail ?? String(decoding: data.prefix(300), as: UTF8.self)
        throw CommandFailure("the gateway answered \(status): \(detail)")
    }
}

/// The `detail` of a problem document.
private struct ProblemDetail: Decodable {
    let detail: String
}
