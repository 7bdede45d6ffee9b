import AsyncHTTPClient
import Foundation
import NIOCore
import Synchronization
import TicketGateCore

#if canImport(Glibc)
    import Glibc
#endif

/// `ticketgate serve` run as a child process, as an operator runs it, so tests can kill it for real.
final class GatewayProcess: @unchecked Sendable {
    /// The `ticketgate` binary `swift test` built next to the test bundle.
    static var binary: String {
        get throws {
            let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            let candidate = testBinary.deletingLastPathComponent().appendingPathComponent("ticketgate").path
            guard FileManager.default.isExecutableFile(atPath: candidate) else {
                throw HarnessError("no ticketgate binary at \(candidate)")
            }
            return candidate
        }
    }

    private let child: ChildProcess
    /// The lines the process writes to standard error (its log), as they come.
    let lines: AsyncStream<String>
    /// Every line written so far.
    let written = Recorded<String>()

    init(arguments: [String], environment: [String: String]) throws {
        let (lines, linesContinuation) = AsyncStream.makeStream(of: String.self)
        self.lines = lines
        let pipe = PipeReader.makePipe()
        child = try ChildProcess(
            try Self.binary, arguments, environment: ProcessInfo.processInfo.environment.merging(environment) { _, new in new },
            error: pipe.fileHandleForWriting.fileDescriptor)
        let splitter = LineSplitter()
        let written = self.written
        PipeReader.start(
            pipe,
            chunk: { data in
                for line in splitter.append(data) {
                    written.append(line)
                    linesContinuation.yield(line)
                }
            },
            end: { linesContinuation.finish() })
    }

    /// The port from the "listening on http://host:port" line.
    func listeningPort() async throws -> Int {
        let line = try await lines.first(within: .seconds(60)) { $0.contains("listening on http://") }
        // Text or JSON logs: the digits after "listening on http://<host>:".
        guard let match = line.firstMatch(of: /listening on http:\/\/[^\s:]+:(\d+)/), let port = Int(match.1) else {
            throw HarnessError("cannot read the port from: \(line)")
        }
        return port
    }

    func signal(_ signal: Int32) {
        child.signal(signal)
    }

    /// The exit status once the process has ended; a gateway that has not ended within a minute is killed.
    func exitStatus() async throws -> Int32 {
        try await withTimeout(.seconds(60)) { [child] in
            await withTaskCancellationHandler {
                await child.exitStatus()
            } onCancel: {
                child.signal(SIGKILL)
            }
        }
    }
}

/// Cuts a byte stream into complete lines.
private final class LineSplitter: Sendable {
    private let pending = Mutex(Data())

    /// Adds `data` and returns the lines it completes.
    func append(_ data: Data) -> [String] {
        pending.withLock { buffer in
            buffer.append(data)
            guard let lastNewline = buffer.lastIndex(of: UInt8(ascii: "\n")) else { return [] }
            let text = String(decoding: buffer[..<lastNewline], as: UTF8.self)
            buffer.removeSubrange(...lastNewline)
            return text.split(separator: "\n").map(String.init)
        }
    }
}

extension GatewayProcess {
    /// Posts a JSON body to `/hooks/<source>` on the gateway at `port`, expecting `202`, and returns the event id.
    static func post(_ body: String, to source: String, port: Int, headers: [String: String] = [:]) async throws -> String {
        let answer = try await send(body, to: source, port: port, headers: headers)
        guard answer.status == 202 else { throw HarnessError("the gateway answered \(answer.status) for event \(answer.id)") }
        return answer.id
    }

    /// Posts a JSON body to `/hooks/<source>` on the gateway at `port`; returns the status and the event id
    /// answered (`200` with the first event's id for a duplicate).
    static func send(_ body: String, to source: String, port: Int, headers: [String: String] = [:]) async throws -> (status: Int, id: String) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/hooks/\(source)")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        for (name, value) in headers {
            request.headers.add(name: name, value: value)
        }
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let answer = try await response.body.collect(upTo: 1 << 16)
        guard let id = try? JSONDecoder().decode(JSONValue.self, from: Data(answer.readableBytesView))["id"]?.string else {
            throw HarnessError("the gateway answered \(response.status.code) without an id: \(String(buffer: answer))")
        }
        return (Int(response.status.code), id)
    }
}
