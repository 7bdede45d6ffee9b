import Foundation
import TicketGateCore
import TicketGateVendors

/// A client of the gateway's admin API, for the command line. It sends the bearer token and turns a problem
/// document into an `AdminClientError` with its detail.
package struct AdminClient: Sendable {
    let baseURL: String
    let token: String

    package init(baseURL: String, token: String) {
        self.baseURL = baseURL
        self.token = token
    }

    package func get<Answer: Decodable>(_ path: String, query: [(String, String?)] = [], as type: Answer.Type) async throws -> Answer {
        try await send("GET", path, query: query, as: type)
    }

    /// A page of events, newest first (`GET /admin/events`).
    package func events(_ filters: EventListFilters) async throws -> EventPage {
        try await get("/admin/events", query: filters.parameters, as: EventPage.self)
    }

    /// An event's report (`GET /admin/events/{id}`).
    package func event(id: String) async throws -> EventReport {
        try await get("/admin/events/" + PercentEncoding.component(id), as: EventReport.self)
    }

    /// A POST; a `409` answer that still carries `Answer` (such as a replay that queued nothing) is returned.
    package func post<Answer: Decodable>(_ path: String, query: [(String, String?)] = [], as type: Answer.Type) async throws -> Answer {
        try await send("POST", path, query: query, as: type)
    }

    private func send<Answer: Decodable>(_ method: String, _ path: String, query: [(String, String?)], as type: Answer.Type) async throws -> Answer {
        guard var components = URLComponents(string: baseURL + path) else { throw AdminClientError("\(baseURL) is not a URL") }
        let items = query.compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
        components.queryItems = items.isEmpty ? nil : items
        guard let url = components.url else { throw AdminClientError("\(baseURL)\(path) is not a URL") }
        let status: Int
        let data: Data
        do {
            (status, data) = try await PlainHTTP.exchange(
                method, url: url.absoluteString, headers: [("Authorization", "Bearer \(token)"), ("Accept", "application/json")])
        } catch {
            throw AdminClientError("cannot reach the gateway at \(baseURL): \(error)")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        if (200..<300).contains(status) || status == 409, let answer = try? decoder.decode(Answer.self, from: data) {
            return answer
        }
        let detail = (try? decoder.decode(ProblemDetail.self, from: data))?.detail ?? String(decoding: data.prefix(300), as: UTF8.self)
        throw AdminClientError("the gateway answered \(status): \(detail)")
    }
}

/// Why an admin API call failed, for the operator.
package struct AdminClientError: OperatorFacingError {
    package let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// The `detail` of a problem document.
private struct ProblemDetail: Decodable {
    let detail: String
}
