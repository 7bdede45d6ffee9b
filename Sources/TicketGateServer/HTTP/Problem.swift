import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import TicketGateCore

/// An `application/problem+json` answer (RFC 9457) with a stable `type` that names the check that failed.
struct Problem: HTTPResponseError {
    /// The prefix of every problem `type`.
    static let typePrefix = "urn:ticketgate:problem:"

    let status: HTTPResponse.Status
    /// The check that failed, such as `signature-mismatch`.
    let slug: String
    let title: String
    let detail: String
    /// Extra headers, such as `WWW-Authenticate` on a 401.
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, _ slug: String, title: String, detail: String) {
        self.status = status
        self.slug = slug
        self.title = title
        self.detail = detail
    }

    private struct Body: Encodable {
        let type: String
        let title: String
        let status: Int
        let detail: String
        let instance: String
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = Body(type: Self.typePrefix + slug, title: title, status: status.code, detail: detail, instance: request.uri.path)
        let data = try JSONEncoder.gateway.encode(body)
        var headers = self.headers
        headers[.contentType] = "application/problem+json"
        return Response(
            status: status,
            headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}

extension Problem {
    static func unknownSource(_ name: String) -> Problem {
        Problem(.notFound, "unknown-source", title: "Unknown source", detail: "no source named '\(name)' is configured")
    }

    static func bodyTooLarge(limit: Int) -> Problem {
        Problem(.contentTooLarge, "body-too-large", title: "Body too large", detail: "this source accepts bodies of at most \(limit) bytes")
    }

    static func rateLimited(_ rate: RateLimit, retryAfter wait: Duration) -> Problem {
        var problem = Problem(
            .tooManyRequests, "rate-limited", title: "Too many requests",
            detail: "this source accepts \(rate) from one client address; send again later")
        problem.headers[.retryAfter] = "\(max(1, Int(wait.seconds.rounded(.up))))"
        return problem
    }

    /// The same problem, answered with `Connection: close`: for a request refused before its body was read,
    /// so that the rest of the body is never read.
    var closingConnection: Problem {
        var problem = self
        problem.headers[.connection] = "close"
        return problem
    }

    /// The body budget is spent: `503` when every request's bodies together are at the gateway's budget, `429`
    /// when this client's are at its own.
    static func bodyBudgetSpent(_ overrun: BodyBudget.Overrun) -> Problem {
        var problem =
            switch overrun {
            case .server:
                Problem(
                    .serviceUnavailable, "server-busy", title: "Server busy",
                    detail: "the gateway holds as many request bodies as it may; send again in a few seconds")
            case .client:
                Problem(
                    .tooManyRequests, "client-busy", title: "Too many uploads",
                    detail: "this client address has as many request bodies in flight as it may; send again when one is answered")
            }
        problem.headers[.retryAfter] = "5"
        return problem
    }

    /// Every place to parse a body before its signature is checked is taken.
    static func unverifiedParsingBusy() -> Problem {
        var problem = Problem(
            .serviceUnavailable, "server-busy", title: "Server busy",
            detail: "the gateway is checking as many unsigned bodies as it may; send this again in a few seconds")
        problem.headers[.retryAfter] = "2"
        return problem
    }

    /// The store cannot be reached now: the answer asks the client to come back in a few seconds.
    static func storeUnavailable(_ detail: String = "the event could not be stored; send it again later") -> Problem {
        var problem = Problem(.serviceUnavailable, "store-unavailable", title: "Store unavailable", detail: detail)
        problem.headers[.retryAfter] = "5"
        return problem
    }
}
