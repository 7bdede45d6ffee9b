import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

/// The gateway's HTTP/1 connections: Hummingbird's HTTP/1 pipeline with the gateway's limits in it. A
/// connection past `maxConnections`, or past its client address's share, is refused as it is accepted; every
/// other one gets NIO's pipelining handler, which hands on one request at a time and reads no further until it
/// is answered, and an `HTTP1ConnectionGuard` after it, between NIO's codec (which still sees HTTP versions and
/// `Connection` headers) and Hummingbird's.
struct GatewayHTTPChannel: ServerChildChannel, HTTPChannelHandler {
    typealias Value = NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>

    /// Why a connection was not set up.
    struct Refused: Error {}

    let responder: HTTPChannelHandler.Responder
    let limits: HTTPLimits
    let connections: ConnectionLimiter
    let metrics: GatewayMetrics
    let logger: Logger

    /// Hummingbird's own limits on a request head.
    static let decoderLimits: NIOHTTPDecoderLimitConfiguration = {
        var limits = NIOHTTPDecoderLimitConfiguration()
        limits.maxHeaderFieldSize = 80 * 1024
        limits.maxHeaderListSize = 80 * 1024
        limits.maxHeaderFieldCount = 1000
        return limits
    }()

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        guard connections.admit(channel) else {
            channel.close(promise: nil)
            return channel.eventLoop.makeFailedFuture(Refused())
        }
        let metrics = metrics
        let log = self.logger
        let peer = channel.remoteAddress?.ipAddress ?? "unknown"
        return channel.eventLoop.makeCompletedFuture {
            let pipeline = channel.pipeline.syncOperations
            try pipeline.configureHTTPServerPipeline(
                withPipeliningAssistance: true, withErrorHandling: false, withOutboundHeaderValidation: false,
                withEncoderConfiguration: .init(), withDecoderLimitConfiguration: Self.decoderLimits)
            try pipeline.addHandler(
                HTTP1ConnectionGuard(limits: limits) { timeout in
                    metrics.connectionClosed(reason: timeout.rawValue)
                    log.notice("connection closed", metadata: ["tg.reason": "\(timeout.rawValue)", "tg.client.peer": "\(peer)"])
                })
            try pipeline.addHandler(HTTP1ToHTTPServerCodec(secure: false))
            try pipeline.addHandler(HTTPConnectionStateHandler(idleTimeout: nil, logger: logger))
            return try NIOAsyncChannel(wrappingChannelSynchronously: channel, configuration: .init(isOutboundHalfClosureEnabled: true))
        }
    }

    func handle(value: Value, logger: Logger) async {
        await handleHTTP(asyncChannel: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1 with the gateway's connection limits.
    static func gateway(limits: HTTPLimits, connections: ConnectionLimiter, metrics: GatewayMetrics, logger: Logger) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            GatewayHTTPChannel(responder: responder, limits: limits, connections: connections, metrics: metrics, logger: logger)
        }
    }
}
