import Logging
import Synchronization

/// Keeps every log line a test's gateway writes, at every level, so tests can check what reaches the logs.
final class LogRecorder: Sendable {
    private let recorded = Mutex<[String]>([])
    /// Every line, as it is written.
    let lines: AsyncStream<String>
    private let continuation: AsyncStream<String>.Continuation

    init() {
        (lines, continuation) = AsyncStream.makeStream(of: String.self)
    }

    var logger: Logger {
        var logger = Logger(label: "ticketgate-test") { _ in Handler(recorder: self) }
        logger.logLevel = .trace
        return logger
    }

    var all: [String] { recorded.withLock { $0 } }

    fileprivate func append(_ line: String) {
        recorded.withLock { $0.append(line) }
        continuation.yield(line)
    }

    private struct Handler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
            let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            recorder.append("\(event.level) \(event.message) \(fields)")
        }
    }
}
