import Synchronization
import TicketGateCore

/// The pacer of each destination, by name. A destination keeps its pacer across reloads unless its limits
/// change; its place in the rate limit lives in the coordination, so it survives even that.
final class PacerRegistry: Sendable {
    let schedule: any InstanceCoordination
    private let pacers = Mutex<[String: RequestPacer<ContinuousClock>]>([:])

    init(schedule: any InstanceCoordination) {
        self.schedule = schedule
    }

    /// The pacer for `destination`.
    func pacer(for destination: DestinationDefinition) -> RequestPacer<ContinuousClock> {
        let rateLimit = destination.effectiveRateLimit
        return pacers.withLock { pacers in
            if let existing = pacers[destination.name], existing.rateLimit == rateLimit, existing.concurrency == destination.concurrency {
                return existing
            }
            let pacer = RequestPacer(
                destination: destination.name, rateLimit: rateLimit, concurrency: destination.concurrency, schedule: schedule,
                clock: ContinuousClock())
            pacers[destination.name] = pacer
            return pacer
        }
    }
}
