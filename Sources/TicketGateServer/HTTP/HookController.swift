import Foundation
import Hummingbird
import NIOCore
import TicketGateCore
import TicketGateInbound

/// `POST /hooks/{source}`: refuses what the headers alone can refuse, reads the body within the source's limit
/// and the gateway's body budget, and hands it to the ingestor, which takes from the client's rate allowance
/// once the request is verified. Answers `202 {"id", "status": "accepted"}` only once the event is stored,
/// `200 {"id", "status": "duplicate", "duplicate": true}` with the first event's id for an event the source sent
/// before, and `200 {"status": "ignored"}` for a provider's handshake.
struct HookController: Sendable {
    let rules: RulesState
    let ingestor: EventIngestor
    let limiter: ClientRateLimiter
    let budget: BodyBudget

    private struct Answer: Encodable {
        let id: String?
        let status: String
        let duplicate: Bool?

        /// The answer written with the store's compact encoder: Foundation's `JSONEncoder` cost more per
        /// request than the HTTP parsing.
        func response(_ status: HTTPResponse.Status) -> Response {
            // An answer holds strings and a boolean, which always encode.
            let body = (try? CompactJSONEncoder().encode(self)) ?? Array("{}".utf8)
            return Response(
                status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
    }

    func addRoutes(to router: Router<GatewayRequestContext>) {
        router.post("/hooks/{source}", use: receive)
    }

    @Sendable func receive(_ request: Request, context: GatewayRequestContext) async throws -> some ResponseGenerator {
        let name = context.parameters.get("source") ?? ""
        let rules = self.rules.current
        let declared = request.headers[.contentLength].flatMap(Int.init)
        // What is left to read of a refused request: its declared length, none without a length or a transfer
        // coding, unknown for a chunked body.
        let unread = declared ?? (request.headers[.transferEncoding] == nil ? 0 : nil)
        guard let endpoint = rules.endpoints[name] else {
            throw Self.refusingUnreadBody(Problem.unknownSource(name), unread: unread)
        }
        let client = context.origin.address ?? "unknown"
        let rate = endpoint.definition.limits.ratePerClient
        // A client over its rate is refused before its body is read; only a request that passes verification
        // takes from its allowance.
        if let rate, let wait = limiter.wait(source: name, address: client, limit: rate) {
            ingestor.metrics.eventReceived(source: name, outcome: "rate_limited")
            throw Self.refusingUnreadBody(Problem.rateLimited(rate, retryAfter: wait), unread: unread)
        }
        let limit = endpoint.definition.limits.maxBodyBytes
        if let declared, declared > limit {
            throw Self.refusingUnreadBody(Problem.bodyTooLarge(limit: limit), unread: unread)
        }
        var inbound = InboundRequest(
            body: Data(), headers: request.headers, query: Self.query(request), clientIP: context.origin.address, scheme: context.origin.scheme,
            receivedAt: Date())
        do {
            try endpoint.checkBeforeBody(inbound)
        } catch {
            throw Self.refusingUnreadBody(ingestor.refused(error, at: endpoint, logger: context.logger), unread: unread)
        }
        if endpoint.parsesBeforeVerifying, ingestor.unverifiedParsing.isFull {
            ingestor.metrics.requestShed(reason: "unverified_parsing")
            throw Self.refusingUnreadBody(Problem.unverifiedParsingBusy(), unread: unread)
        }
        var reader = BodyReader(budget: budget, client: client, limit: limit)
        defer { reader.releaseReservation() }
        context.sendContinue(to: request.head)
        inbound.body = try await reader.read(request.body, declared: declared, metrics: ingestor.metrics)
        let takeFromAllowance = { [limiter, metrics = ingestor.metrics] () throws(Problem) in
            guard let rate, let wait = limiter.admit(source: name, address: client, limit: rate) else { return }
            metrics.eventReceived(source: name, outcome: "rate_limited")
            throw Problem.rateLimited(rate, retryAfter: wait)
        }
        switch try await ingestor.ingest(inbound, at: endpoint, rules: rules, logger: context.logger, afterVerification: takeFromAllowance) {
        case .accepted(let id):
            return Answer(id: id.rawValue, status: "accepted", duplicate: nil).response(.accepted)
        case .duplicate(let first):
            return Answer(id: first.rawValue, status: "duplicate", duplicate: true).response(.ok)
        case .ignored:
            return Answer(id: nil, status: "ignored", duplicate: nil).response(.ok)
        }
    }

    /// The largest unread body the connection reads to its end after a refusal, to stay open for the client's
    /// next request; past it, or when its length is unknown, the connection closes instead.
    static let drainLimit = 1 << 20

    /// `problem` for a request whose body is not read: it closes the connection unless the body is small.
    private static func refusingUnreadBody(_ problem: Problem, unread: Int?) -> Problem {
        if let unread, unread <= drainLimit { return problem }
        return problem.closingConnection
    }

    /// The query parameters, decoded; of a repeated name, the first.
    private static func query(_ request: Request) -> [String: String] {
        Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { first, _ in first })
    }
}
