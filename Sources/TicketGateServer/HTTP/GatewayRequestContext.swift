import Foundation
import Hummingbird
import NIOCore
import TicketGateConsole

/// The request context of every route: Hummingbird's core storage, the peer's address, and the client as
/// the trusted proxies report it.
struct GatewayRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The address of the connection's peer: the client, or the reverse proxy in front of the gateway.
    let peerAddress: String?
    /// The client, once `ClientOriginMiddleware` has weighed the forwarding headers; the peer until then.
    var origin: ClientOrigin
    /// The console session the request's cookie stands for, once the console's guard has checked it.
    var consoleSession: ConsoleSession?
    /// The connection, for an interim answer (`100 Continue`) before the final one.
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        channel = source.channel
        peerAddress = source.channel.remoteAddress?.ipAddress
        origin = ClientOrigin(address: peerAddress, scheme: "http")
    }

    /// JSON answers with their keys in a stable order.
    var responseEncoder: JSONEncoder {
        JSONEncoder.gateway
    }
}

extension GatewayRequestContext: ConsoleRequestContext {
    var clientAddress: String? { origin.address }
    var clientScheme: String { origin.scheme }
}

extension JSONEncoder {
    /// Sorted keys, slashes left alone: the gateway's JSON, stable for people and diffs.
    static var gateway: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}
