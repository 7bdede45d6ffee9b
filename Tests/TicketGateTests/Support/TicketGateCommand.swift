import Foundation

/// The `ticketgate` binary run as an operator runs it: arguments, environment, working directory; its
/// output (standard output and error together) and exit status. Awaiting it blocks no thread, so it can talk
/// to a gateway served by the same test process.
enum TicketGateCommand {
    static func run(_ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil) async throws -> (
        output: String, status: Int32
    ) {
        let ended = try await withTimeout(.seconds(60)) {
            try await ChildProcess.run(
                try GatewayProcess.binary, arguments,
                environment: ProcessInfo.processInfo.environment.merging(environment) { _, new in new },
                directory: directory?.path, mergingError: true)
        }
        return (String(decoding: ended.output, as: UTF8.self), ended.status)
    }
}
