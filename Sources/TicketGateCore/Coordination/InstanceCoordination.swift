import Foundation

/// What the gateway instances sharing one store agree on while they run: each destination's request schedule
/// (its rate limit and a vendor's `Retry-After`), locks on things at a vendor (one customer's address), paused
/// destinations, the instances themselves, and wake-ups when deliveries are stored. `LocalCoordination` is
/// the one-process version for SQLite; the PostgreSQL store shares it through the database.
package protocol InstanceCoordination: Sendable {
    /// Takes `destination`'s next request slot, `interval` after the slot before it and not before a hold, when
    /// it comes within `maximumWait`: `.granted` with the wait (zero when it is now). A slot further off is not
    /// taken: `.deferred` with how long until it. An `interval` of zero takes nothing and only reads the hold.
    func reserveRequestSlot(destination: String, interval: Duration, maximumWait: Duration) async throws -> RequestTurn

    /// Sends nothing to `destination` for `delay` (a vendor's `Retry-After`), on every instance.
    func holdRequests(destination: String, for delay: Duration) async throws

    /// Runs `body` while no other holder of `key`, on any instance, runs.
    func withExclusiveLock<T>(_ key: String, _ body: () async throws -> T) async throws -> T

    /// The destinations paused now.
    func pauses() async throws -> [DestinationPause]

    /// Records `pause`, replacing the destination's earlier one.
    func savePause(_ pause: DestinationPause) async throws

    /// Ends `destination`'s pause when its reason is one of `reasons`; true when there was one.
    func removePause(destination: String, reasons: Set<DestinationPause.Reason>) async throws -> Bool

    /// Registers `instance`, or renews its heartbeat.
    func heartbeat(_ instance: GatewayInstance) async throws

    /// The instances registered, newest heartbeat first.
    func instances() async throws -> [GatewayInstance]

    /// Forgets the instances whose last heartbeat came before `cutoff`.
    func forgetInstances(silentSince cutoff: Date) async throws

    /// Yields when another instance stored a due delivery, and when the wake-ups (re)start, as deliveries may
    /// have been stored unannounced before; ends when the coordination closes.
    func outboxSignals() -> AsyncStream<Void>
}
