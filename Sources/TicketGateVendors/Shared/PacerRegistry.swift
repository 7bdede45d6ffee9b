import Synchronization
import TicketGateCore

/// The pacer of each destination, by name. A destination keeps its pacer (and so its place in the rate
/// limit) across reloads unless its limits change.
final class PacerRegistry: Sendable {
    private let pacers = Mutex<[String: RequestPacer<ContinuousClock>]>([:])

    /// The pacer for `destination`, or `nil` when it has neither a rate limit nor a concurrency limit.
    func pacer(for destination: DestinationDefinition) -> RequestPacer<ContinuousClock>? {
        let rateLimit = destination.effectiveRateLimit
        guard rateLimit != nil || destination.concurrency != nil else { return nil }
        return pacers.withLock { pacers in
            if let existing = pacers[destination.name], existing.rateLimit == rateLimit, existing.concurrency == destination.concurrency {
                return existing
            }
            let pacer = RequestPacer(rateLimit: rateLimit, concurrency: destination.concurrency, clock: ContinuousClock())
            pacers[destination.name] = pacer
            return pacer
        }
    }
}
