import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a child process's output pipe to its end on a thread of its own, with blocking reads. Not a
/// `readabilityHandler`: the dispatch source behind that handler has crashed libdispatch, and missed the end
/// of the output, on Linux when several child processes end at once.
enum PipeReader {
    /// A pipe whose ends are closed on exec: a child launched at the same moment by another test must not
    /// inherit this one's write end, or this pipe would not end until that other child does.
    static func makePipe() -> Pipe {
        let pipe = Pipe()
        for handle in [pipe.fileHandleForReading, pipe.fileHandleForWriting] {
            _ = fcntl(handle.fileDescriptor, F_SETFD, FD_CLOEXEC)
        }
        return pipe
    }

    /// Starts reading `pipe` once the child has been launched: `chunk` gets each piece of output and `end`
    /// is called once at the end. Closes the parent's copy of the write end, so the end is seen when the child
    /// exits.
    static func start(_ pipe: Pipe, chunk: @escaping @Sendable (Data) -> Void, end: @escaping @Sendable () -> Void) {
        try? pipe.fileHandleForWriting.close()
        let reading = pipe.fileHandleForReading
        Thread {
            while true {
                let data = reading.availableData
                guard !data.isEmpty else { break }
                chunk(data)
            }
            end()
        }.start()
    }

    /// Everything the child writes to `pipe`, once it has closed it.
    static func collect(_ pipe: Pipe) async -> Data {
        let collected = Collected()
        await withCheckedContinuation { (ended: CheckedContinuation<Void, Never>) in
            start(pipe, chunk: collected.append, end: { ended.resume() })
        }
        return collected.data
    }

    private final class Collected: Sendable {
        private let storage = Mutex(Data())
        func append(_ data: Data) { storage.withLock { $0.append(data) } }
        var data: Data { storage.withLock { $0 } }
    }
}
