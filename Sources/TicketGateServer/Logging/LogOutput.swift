import Foundation
import Synchronization

/// Where log lines go: one line per write, never interleaved.
final class LogOutput: Sendable {
    static let standardError = LogOutput()
    private let lock = Mutex(())

    func write(_ line: String) {
        lock.withLock { _ in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }
}
