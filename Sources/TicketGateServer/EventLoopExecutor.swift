import NIOCore
import NIOPosix

/// Where the gateway's tasks run.
public enum EventLoopExecutor {
    /// Makes the event loops that do the network I/O Swift Concurrency's global executor, so reading a
    /// request, handling it and writing the answer happen without a hop to another pool of threads. Call it
    /// first thing in `main`, once, before any task runs; returns whether it took effect.
    @discardableResult
    public static func install() -> Bool {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}
