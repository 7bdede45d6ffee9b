import Foundation
import TicketGateCore

/// What the destinations and the instances sharing the store look like now, the same from the admin API and
/// the console, from any instance: read from the store and the coordination.
struct OperatorOverview: Sendable {
    let store: any OperatorStore
    let rules: RulesState
    let control: DeliveryControl
    /// This instance's id in the coordination.
    let instanceID: UUID

    /// Every destination of the rules in force, by name, with its pause read fresh from the coordination.
    func destinations() async throws -> [DestinationStatus] {
        let counts = try await store.deliveryCounts(statuses: nil)
        await control.pauses.refresh()
        let pauses = control.pauses.paused
        return rules.current.ruleSet.destinations.values.sorted { $0.name < $1.name }.map { destination in
            DestinationStatus(
                name: destination.name, vendor: destination.vendor.name, url: destination.shownURL, dryRun: destination.isDryRun,
                rateLimit: destination.effectiveRateLimit?.description,
                paused: pauses[destination.name].map { .init(reason: $0.reason.rawValue, since: $0.since, nextProbeAt: $0.probeAt) },
                deliveries: Dictionary(uniqueKeysWithValues: (counts[destination.name] ?? [:]).map { ($0.key.rawValue, $0.value) })
            )
        }
    }

    /// The instances sharing the store, as the coordination lists them.
    func instances() async throws -> [InstanceStatus] {
        let now = control.now()
        return try await control.coordination.instances().map { instance in
            InstanceStatus(
                id: instance.id, name: instance.name, startedAt: instance.startedAt, heartbeatAt: instance.heartbeatAt,
                alive: InstanceHeartbeat.isAlive(heartbeatAt: instance.heartbeatAt, now: now), runningAttempts: instance.runningAttempts,
                answering: instance.id == instanceID)
        }
    }
}
