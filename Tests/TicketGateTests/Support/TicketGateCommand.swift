import Foundation
import Synchronization

/// The `ticketgate` binary run as an operator runs it: arguments, environment, working directory; its
/// output (standard output and error together) and exit status. Awaiting it blocks no thread, so it can talk
/// to a gateway served by the same test process.
enum TicketGateCommand {
    static func run(_ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil) async throws -> (
        output: String, status: Int32
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try GatewayProcess.binary)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        if let directory { process.currentDirectoryURL = directory }
        let pipe = PipeReader.makePipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let output = Collected()
        let (ended, end) = AsyncStream.makeStream(of: Void.self)
        let (exited, exit) = AsyncStream.makeStream(of: Int32.self)
        process.terminationHandler = { process in
            exit.yield(process.terminationStatus)
            exit.finish()
        }
        try process.run()
        PipeReader.start(pipe, chunk: output.append) {
            end.yield()
            end.finish()
        }
        let status = try await exited.first(within: .seconds(60)) { _ in true }
        _ = try await withTimeout { for await _ in ended {} }
        return (String(decoding: output.data, as: UTF8.self), status)
    }

    private final class Collected: Sendable {
        private let storage = Mutex(Data())
        func append(_ data: Data) { storage.withLock { $0.append(data) } }
        var data: Data { storage.withLock { $0 } }
    }
}
