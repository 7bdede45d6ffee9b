import NIOCore
import NIOPosix

/// A plain TCP connection to a gateway, for requests an HTTP client will not send: headers sent slowly, bodies
/// that never end, broken framing, HTTP/1.0, pipelined requests. A connection can come from any loopback address
/// (all of 127.0.0.0/8 is loopback on Linux), so that one test can play several clients.
enum RawConnection {
    /// Connects from `address` to `127.0.0.1:port` and runs `body` with the connection, which is closed after.
    static func run<T: Sendable>(port: Int, from address: String = "127.0.0.1", _ body: (Session) async throws -> T) async throws -> T {
        let channel = try await bootstrap(from: address).connect(host: "127.0.0.1", port: port) { channel in
            channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
        }
        return try await channel.executeThenClose { inbound, outbound in
            try await body(Session(inbound: inbound.makeAsyncIterator(), outbound: outbound))
        }
    }

    /// Opens `count` connections from `address`, one after the other, that send nothing, and runs `body` while
    /// they are open (those the gateway has not closed); all are closed after.
    static func holding<T: Sendable>(_ count: Int, port: Int, from address: String, _ body: () async throws -> T) async throws -> T {
        var channels: [any Channel] = []
        do {
            for _ in 0..<count {
                channels.append(try await bootstrap(from: address).connect(host: "127.0.0.1", port: port).get())
            }
            let result = try await body()
            for channel in channels { try? await channel.close() }
            return result
        } catch {
            for channel in channels { try? await channel.close() }
            throw error
        }
    }

    private static func bootstrap(from address: String) throws -> ClientBootstrap {
        ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(to: try SocketAddress(ipAddress: address, port: 0))
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
