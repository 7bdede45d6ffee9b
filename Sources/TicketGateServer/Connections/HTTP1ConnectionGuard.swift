import NIOCore
import NIOHTTP1

/// Holds one HTTP/1 connection to its time limits and its persistence rules, between NIO's HTTP codec and
/// pipelining handler, which hand it one request at a time, and Hummingbird's:
/// - the first request's headers must arrive within the header timeout of the connection's start, and a later
///   request's within the idle timeout of the answer before it;
/// - a body must arrive within the body timeout of its headers, and bring at least the minimum rate over each
///   rate window from its headers on, or the connection is answered `408` and closed;
/// - a connection closes after the answer when the request asked for that (`Connection: close`, or HTTP/1.0
///   without keep-alive) or when the answer says `Connection: close` (a request refused before its body was
///   read, so its body is not read at all). Every request passed on is answered first; a request that follows
///   the last one is not passed on.
final class HTTP1ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// Why a connection was closed before its client was done.
    enum Timeout: String, Sendable {
        case header = "header_timeout"
        case body = "body_timeout"
        case bodyRate = "body_rate"
        case idle = "idle_timeout"
    }

    private enum Phase {
        /// Waiting for a request's headers; `.header` on a new connection, `.idle` after an answer.
        case awaitingHead(Timeout)
        /// The request's headers were passed on; its body is arriving.
        case readingBody
        /// The request is read; the gateway is answering it.
        case answering
        /// The last answer is being written: nothing more is read or answered.
        case closing
    }

    private let limits: HTTPLimits
    private let onTimeout: @Sendable (Timeout) -> Void
    private var phase = Phase.awaitingHead(.header)
    private var deadline: Scheduled<Void>?
    /// The next check of the body's rate, while one is due.
    private var rateCheck: Scheduled<Void>?
    /// The body bytes that arrived since the last rate check.
    private var bytesThisWindow = 0
    private var closeAfterAnswer = false
    /// The request being read has had its answer's head written.
    private var answerStarted = false
    /// The request being read has had its whole answer written.
    private var answered = false

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
        // A request after the last one is dropped unread.
        if case .closing = phase { return }
        switch unwrapInboundIn(data) {
        case .head(let head):
            closeAfterAnswer = !head.isKeepAlive
            answerStarted = false
            answered = false
            phase = .readingBody
            arm(.body, context: context)
            armRateCheck(context: context)
        case .body(let bytes):
            bytesThisWindow += bytes.readableBytes
        case .end:
            disarm()
            if answered {
                arm(.idle, context: context)
            } else {
                phase = .answering
            }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        // The connection has had its last answer (the gateway's own `408`, say): nothing more is written.
        if case .closing = phase {
            promise?.fail(ChannelError.ioOnClosedChannel)
            return
        }
        switch unwrapOutboundIn(data) {
        case .head(var head) where head.status.code >= 200:
            answerStarted = true
            // The request's fate is decided: its body's rate no longer matters.
            disarmRateCheck()
            if closeAfterAnswer || head.headers[canonicalForm: "connection"].contains(where: { $0.lowercased() == "close" }) {
                closeAfterAnswer = true
                head.headers.replaceOrAdd(name: "Connection", value: "close")
                // The rest of a body the answer refuses is not read: the connection closes once it is written.
                if case .readingBody = phase { context.channel.setOption(ChannelOptions.autoRead, value: false).whenComplete { _ in } }
            }
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .end:
            answered = true
            guard !closeAfterAnswer else {
                writeLast(data, context: context, promise: promise)
                return
            }
            // The idle timer starts before the end is written: writing it lets the pipelining handler pass on
            // the next request, which must find this one finished.
            if case .answering = phase { arm(.idle, context: context) }
            context.write(data, promise: promise)
        default:
            context.write(data, promise: promise)
        }
    }

    /// Writes the connection's last answer part and closes it once written.
    private func writeLast(_ data: NIOAny, context: ChannelHandlerContext, promise: EventLoopPromise<Void>?) {
        phase = .closing
        disarm()
        let channel = context.channel
        let written = context.eventLoop.makePromise(of: Void.self)
        written.futureResult.cascade(to: promise)
        context.writeAndFlush(data, promise: written)
        written.futureResult.whenComplete { _ in channel.close(promise: nil) }
    }

    private func arm(_ timeout: Timeout, context: ChannelHandlerContext) {
        disarm()
        if timeout != .body { phase = .awaitingHead(timeout) }
        let limit =
            switch timeout {
            case .header: limits.headerTimeout
            case .body, .bodyRate: limits.bodyTimeout
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
        disarmRateCheck()
    }

    /// Checks, one rate window from now, that the body brought its minimum since the last check.
    private func armRateCheck(context: ChannelHandlerContext) {
        disarmRateCheck()
        guard limits.minBodyRate > 0 else { return }
        bytesThisWindow = 0
        let loopBound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
        rateCheck = context.eventLoop.scheduleTask(in: .nanoseconds(limits.bodyRateWindow.nanoseconds)) {
            loopBound.value.handler.checkRate(context: loopBound.value.context)
        }
    }

    private func disarmRateCheck() {
        rateCheck?.cancel()
        rateCheck = nil
    }

    private func checkRate(context: ChannelHandlerContext) {
        rateCheck = nil
        guard case .readingBody = phase else { return }
        guard Double(bytesThisWindow) < Double(limits.minBodyRate) * limits.bodyRateWindow.seconds else {
            armRateCheck(context: context)
            return
        }
        deadline?.cancel()
        deadline = nil
        expire(.bodyRate, context: context)
    }

    private func expire(_ timeout: Timeout, context: ChannelHandlerContext) {
        deadline = nil
        disarmRateCheck()
        onTimeout(timeout)
        // Once an answer has begun, no other may be written: the connection just closes.
        guard timeout == .body || timeout == .bodyRate, !answerStarted else {
            phase = .closing
            context.close(promise: nil)
            return
        }
        let detail = timeout == .body ? "the request body did not arrive in time" : "the request body arrived too slowly"
        var headers = HTTPHeaders()
        let body = context.channel.allocator.buffer(
            string: #"{"detail":"\#(detail)","status":408,"title":"Request timeout","type":"urn:ticketgate:problem:request-timeout"}"#)
        headers.add(name: "Content-Type", value: "application/problem+json")
        headers.add(name: "Content-Length", value: "\(body.readableBytes)")
        headers.add(name: "Connection", value: "close")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .requestTimeout, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        phase = .closing
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }
}
