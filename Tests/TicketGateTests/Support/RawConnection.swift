import NIOCore
import NIOPosix

/// A plain TCP connection to a gateway, for requests an HTTP client will not send: headers sent slowly, bodies
/// that never end, broken framing, HTTP/1.0.
enum RawConnection {
    /// Connects to `127.0.0.1:port` and runs `body` with the connection, which is closed after.
    static func run<T: Sendable>(port: Int, _ body: (Session) async throws -> T) async throws -> T {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connect(host: "127.0.0.1", port: port) { channel in
            channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
        }
        return try await channel.executeThenClose { inbound, outbound in
            try await body(Session(inbound: inbound.makeAsyncIterator(), outbound: outbound))
        }
    }

    /// One open connection: what was sent, and what came back.
    final class Session {
        private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
        private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
        /// Everything received so far.
        private(set) var received = ""
        /// True once the gateway closed the connection.
        private(set) var closed = false

        fileprivate init(inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) {
            self.inbound = inbound
            self.outbound = outbound
        }

        func send(_ text: String) async throws {
            try await outbound.write(ByteBuffer(string: text))
        }

        func send(_ bytes: [UInt8]) async throws {
            try await outbound.write(ByteBuffer(bytes: bytes))
        }

        /// Reads until `text` has arrived (or the connection closed), and returns everything received.
        @discardableResult
        func read(until text: String) async throws -> String {
            while !received.contains(text), !closed {
                try await receiveMore()
            }
            return received
        }

        /// Reads until the gateway closes the connection, and returns everything received.
        @discardableResult
        func readUntilClosed() async throws -> String {
            while !closed {
                try await receiveMore()
            }
            return received
        }

        private func receiveMore() async throws {
            do {
                guard let buffer = try await inbound.next() else {
                    closed = true
                    return
                }
                received += String(buffer: buffer)
            } catch let error as IOError where [ECONNRESET, EPIPE].contains(error.errnoCode) {
                closed = true
            }
        }
    }
}
