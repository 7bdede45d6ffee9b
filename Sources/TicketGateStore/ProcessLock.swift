import TicketGateCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive lock on a file next to the database, held for the life of the process, so that two
/// `ticketgate serve` processes never deliver from the same SQLite outbox. The kernel releases it when the
/// process ends, however it ends.
final class ProcessLock: Sendable {
    private let descriptor: Int32

    /// Takes the lock at `path`, or throws when another process holds it.
    init(path: String) throws(StoreError) {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw StoreError.unavailable("cannot open the lock file \(path)")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw StoreError.locked("another ticketgate process is serving from this database (lock file \(path))")
        }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }
}
