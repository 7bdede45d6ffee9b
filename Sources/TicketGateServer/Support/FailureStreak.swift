import Synchronization

/// Whether an operation that runs again and again is failing: the log says so at the first failure of a streak,
/// not at every try of an outage.
final class FailureStreak: Sendable {
    private let failing = Atomic<Bool>(false)

    /// Notes a failure; true when it starts a streak.
    func failed() -> Bool {
        !failing.exchange(true, ordering: .relaxed)
    }

    /// Notes a success, which ends the streak.
    func succeeded() {
        failing.store(false, ordering: .relaxed)
    }
}
