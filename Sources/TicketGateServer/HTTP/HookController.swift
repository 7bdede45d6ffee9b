import Foundation
import Hummingbird
import NIOCore
import TicketGateInbound

/// `POST /hooks/{source}`: reads the body within the source's limit and hands it to the ingestor.
/// Answers `202 {"id", "status": "accepted"}` only once the event is stored.
struct HookController: Sendable {
    let rules: RulesState
    let ingestor: EventIngestor

    private struct Accepted: ResponseEncodable {
        let id: String
        let status: String
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
        let limit = endpoint.definition.maxBodyBytes
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw Problem.bodyTooLarge(limit: limit)
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw Problem.bodyTooLarge(limit: limit)
        }
        let inbound = InboundRequest(body: Data(body.readableBytesView), headers: request.headers, clientIP: context.peerAddress, receivedAt: Date())
        var logger = context.logger
        logger[metadataKey: "tg.source"] = "\(name)"
        let id = try await ingestor.ingest(inbound, at: endpoint, rules: rules.ruleSet, logger: logger)
        return EditedResponse(status: .accepted, response: Accepted(id: id.rawValue, status: "accepted"))
    }
}
