import Foundation
import Logging
import ServiceLifecycle
import TicketGateCore

/// Registers this instance with the coordination and renews its heartbeat every `interval`, with the delivery
/// attempts it runs; forgets instances silent for an hour. An instance whose heartbeat is older than three
/// intervals is shown as gone.
struct InstanceHeartbeat: Service {
    static let interval: Duration = .seconds(5)
    static let forgetAfter: TimeInterval = 3600

    let instance: GatewayInstance
    let control: DeliveryControl

    init(control: DeliveryControl) {
        let name = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
        self.instance = GatewayInstance(id: UUID(), name: name, startedAt: control.now(), heartbeatAt: control.now())
        self.control = control
    }

    /// Whether an instance that last beat at `heartbeatAt` is still running at `now`.
    static func isAlive(heartbeatAt: Date, now: Date) -> Bool {
        now.timeIntervalSince(heartbeatAt) <= 3 * interval.seconds
    }

    /// The first heartbeat, before the gateway listens, so an instance that answers is listed.
    func register() async {
        _ = await beat(reportingFailure: true)
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            var failing = false
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.interval)
                failing = await beat(reportingFailure: !failing)
            }
        }
    }

    /// One heartbeat; returns true when it failed (logged only when `reportingFailure`, once per outage).
    private func beat(reportingFailure: Bool) async -> Bool {
        var beat = instance
        beat.heartbeatAt = control.now()
        beat.runningAttempts = control.attempts.running
        do {
            try await control.coordination.heartbeat(beat)
            try await control.coordination.forgetInstances(silentSince: beat.heartbeatAt.addingTimeInterval(-Self.forgetAfter))
            return false
        } catch {
            // Stopping, not failing: the gateway is shutting down.
            if Task.isCancelled || error is CancellationError { return false }
            if reportingFailure {
                control.logger.warning("cannot renew this instance's heartbeat", metadata: ["tg.error": "\(error)"])
            }
            return true
        }
    }
}
