import Foundation
import Hummingbird
import NIOCore
import TicketGateCore
import TicketGateInbound

/// `POST /hooks/{source}`: reads the body within the source's limit and hands it to the ingestor.
/// Answers `202 {"id", "status": "accepted"}` only once the event is stored, `200 {"id", "status":
/// "duplicate", "duplicate": true}` with the first event's id for an event the source sent before, and
/// `200 {"status": "ignored"}` for a provider's handshake.
struct HookController: Sendable {
    let rules: RulesState
    let ingestor: EventIngestor
    let limiter: ClientRateLimiter

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
        guard let endpoint = rules.endpoints[name] else {
            throw Problem.unknownSource(name)
        }
        if let rate = endpoint.definition.limits.ratePerClient, let address = context.origin.address,
            let wait = limiter.admit(source: name, address: address, limit: rate)
        {
            ingestor.metrics.eventReceived(source: name, outcome: "rate_limited")
            throw Problem.rateLimited(rate, retryAfter: wait)
        }
        let limit = endpoint.definition.limits.maxBodyBytes
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw Problem.bodyTooLarge(limit: limit)
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw Problem.bodyTooLarge(limit: limit)
        }
        let query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { first, _ in first })
        let inbound = InboundRequest(
            body: Data(body.readableBytesView), headers: request.headers, query: query, clientIP: context.origin.address,
            scheme: context.origin.scheme,
            receivedAt: Date()
        )
        switch try await ingestor.ingest(inbound, at: endpoint, rules: rules, logger: context.logger) {
        case .accepted(let id):
            return Answer(id: id.rawValue, status: "accepted", duplicate: nil).response(.accepted)
        case .duplicate(let first):
            return Answer(id: first.rawValue, status: "duplicate", duplicate: true).response(.ok)
        case .ignored:
            return Answer(id: nil, status: "ignored", duplicate: nil).response(.ok)
        }
    }
}
