import NIOCore
import NIOHTTP1

/// Holds one HTTP/1 connection to its time limits and its persistence rules, between NIO's HTTP codec and
/// Hummingbird's:
/// - the first request's headers must arrive within the header timeout of the connection's start, and a later
///   request's within the idle timeout of the answer before it;
/// - a body must arrive within the body timeout of its headers, or the connection is answered `408` and closed;
/// - a connection closes after the answer when the request asked for that (`Connection: close`, or HTTP/1.0
///   without keep-alive) or when the answer says `Connection: close` (a request refused before its body was
///   read, so its body is not read at all).
final class HTTP1ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// Why a connection was closed before its client was done.
    enum Timeout: String, Sendable {
        case header = "header_timeout"
        case body = "body_timeout"
        case idle = "idle_timeout"
    }

    private enum Phase {
        /// Waiting for a request's headers; `.header` on a new connection, `.idle` after an answer.
        case awaitingHead(Timeout)
        case readingBody
        /// The request is read; the gateway is answering it.
        case answering
    }

    private let limits: HTTPLimits
    private let onTimeout: @Sendable (Timeout) -> Void
    private var phase = Phase.awaitingHead(.header)
    private var deadline: Scheduled<Void>?
    private var closeAfterAnswer = false

    /// `onTimeout` is told of each connection closed for a timeout, to log and count it.
    init(limits: HTTPLimits, onTimeout: @escaping @Sendable (Timeout) -> Void) {
        self.limits = limits
        self.onTimeout = onTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(.header, context: context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        disarm()
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(.header, context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            closeAfterAnswer = closeAfterAnswer || !head.isKeepAlive
            phase = .readingBody
            arm(.body, context: context)
        case .body:
            break
        case .end:
            disarm()
            phase = .answering
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head) where head.status.code >= 200:
            if closeAfterAnswer || head.headers[canonicalForm: "connection"].contains(where: { $0.lowercased() == "close" }) {
                closeAfterAnswer = true
                head.headers.replaceOrAdd(name: "Connection", value: "close")
                // The rest of a body the answer refuses is not read: the connection closes once it is written.
                if case .readingBody = phase { context.channel.setOption(ChannelOptions.autoRead, value: false).whenComplete { _ in } }
            }
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .end:
            guard closeAfterAnswer else {
                context.write(data, promise: promise)
                if case .answering = phase { arm(.idle, context: context) }
                return
            }
            disarm()
            let channel = context.channel
            let written = context.eventLoop.makePromise(of: Void.self)
            written.futureResult.cascade(to: promise)
            context.writeAndFlush(data, promise: written)
            written.futureResult.whenComplete { _ in channel.close(promise: nil) }
        default:
            context.write(data, promise: promise)
        }
    }

    private func arm(_ timeout: Timeout, context: ChannelHandlerContext) {
        disarm()
        if timeout != .body { phase = .awaitingHead(timeout) }
        let limit =
            switch timeout {
            case .header: limits.headerTimeout
            case .body: limits.bodyTimeout
            case .idle: limits.idleTimeout
            }
        let loopBound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
        deadline = context.eventLoop.scheduleTask(in: .nanoseconds(limit.nanoseconds)) {
            loopBound.value.handler.expire(timeout, context: loopBound.value.context)
        }
    }

    private func disarm() {
        deadline?.cancel()
        deadline = nil
    }

    private func expire(_ timeout: Timeout, context: ChannelHandlerContext) {
        deadline = nil
        onTimeout(timeout)
        guard timeout == .body else {
            context.close(promise: nil)
            return
        }
        var headers = HTTPHeaders()
        let body = context.channel.allocator.buffer(
            string:
                #"{"detail":"the request body did not arrive in time","status":408,"title":"Request timeout","type":"urn:ticketgate:problem:request-timeout"}"#
        )
        headers.add(name: "Content-Type", value: "application/problem+json")
        headers.add(name: "Content-Length", value: "\(body.readableBytes)")
        headers.add(name: "Connection", value: "close")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .requestTimeout, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }
}
