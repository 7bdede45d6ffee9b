import Foundation
import TicketGateCore

/// The console's first page: the last 24 hours as a chart, outcomes by destination, the outbox, paused
/// destinations and the instances sharing the store.
struct OverviewView: Sendable {
    struct DestinationRow: Sendable {
        var name: String
        var href: String
        var pending: Int
        var delivered: Int
        var dryRun: Int
        var failed: Int
        var dead: Int
    }

    struct Outbox: Sendable {
        var due: Int
        var oldest: ConsoleTime?
    }

    struct PausedRow: Sendable {
        var name: String
        var reason: String
        var since: ConsoleTime
    }

    struct InstanceRow: Sendable {
        var name: String
        var answering: Bool
        var started: ConsoleTime
        var heartbeat: ConsoleTime
        var runningAttempts: Int
        var state: String
        var stateClass: String
    }

    var frame: ConsoleFrame
    var chart: ActivityChart
    var totals: [ConsoleFact]
    var destinations: [DestinationRow]
    var outbox: Outbox
    var paused: [PausedRow]
    var instances: [InstanceRow]

    init(
        frame: ConsoleFrame, activity: [ActivityHour], destinations: [DestinationStatus], backlog: OutboxBacklog,
        instances: [InstanceStatus], now: Date
    ) {
        self.frame = frame
        chart = ActivityChart(activity, now: now)
        let deliveries = activity.flatMap(\.deliveries)
        func total(_ statuses: DeliveryStatus...) -> Int { deliveries.filter { statuses.contains($0.key) }.map(\.value).reduce(0, +) }
        totals = [
            ConsoleFact(label: "Events", value: "\(activity.map(\.events).reduce(0, +))"),
            ConsoleFact(label: "Delivered", value: "\(total(.delivered))"),
            ConsoleFact(label: "Dry runs", value: "\(total(.dryRun))"),
            ConsoleFact(label: "Pending", value: "\(total(.pending))"),
            ConsoleFact(label: "Failed or dead", value: "\(total(.failed, .dead))"),
        ]
        self.destinations = destinations.map { destination in
            let counts = destination.deliveries
            return DestinationRow(
                name: destination.name, href: ConsoleLinks.events([("destination", destination.name)]),
                pending: counts[DeliveryStatus.pending.rawValue] ?? 0, delivered: counts[DeliveryStatus.delivered.rawValue] ?? 0,
                dryRun: counts[DeliveryStatus.dryRun.rawValue] ?? 0, failed: counts[DeliveryStatus.failed.rawValue] ?? 0,
                dead: counts[DeliveryStatus.dead.rawValue] ?? 0)
        }
        outbox = Outbox(due: backlog.due, oldest: backlog.oldestDueAt.map(ConsoleFormat.time))
        paused = destinations.compactMap { destination in
            destination.paused.map { PausedRow(name: destination.name, reason: Self.pauseReason($0.reason), since: ConsoleFormat.time($0.since)) }
        }
        self.instances = instances.map { instance in
            InstanceRow(
                name: instance.name, answering: instance.answering, started: ConsoleFormat.time(instance.startedAt),
                heartbeat: ConsoleFormat.time(instance.heartbeatAt), runningAttempts: instance.runningAttempts,
                state: instance.alive ? "alive" : "silent", stateClass: instance.alive ? "ok" : "bad")
        }
    }

    /// A pause's reason as a person reads it.
    static func pauseReason(_ reason: String) -> String {
        switch reason {
        case "credential_refused": "the vendor refused the credential"
        case "operator": "paused by an operator"
        default: reason
        }
    }
}
