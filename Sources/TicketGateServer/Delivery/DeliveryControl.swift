import Foundation
import Logging
import TicketGateCore

/// What can steer delivery while the gateway runs, shared by the worker, the rules reloader, the admin API and
/// the instance heartbeat: the paused destinations, resuming them, waking the worker, and its attempt slots.
struct DeliveryControl: Sendable {
    let store: any OperatorStore
    let coordination: any InstanceCoordination
    let pauses: DestinationPauses
    let wakeup: DeliveryWakeup
    let attempts: AttemptSlots
    let logger: Logger
    let now: @Sendable () -> Date

    /// Pauses `destination` until an operator resumes it.
    func pauseByOperator(_ destination: String, via channel: OperatorChannel) async {
        if await pauses.pauseForOperator(destination, now: now()) {
            logger.notice("destination paused by an operator \(channel.phrase)", metadata: ["tg.destination": "\(destination)"])
        }
    }

    /// Makes the waiting deliveries of resumed destinations due now, and wakes the worker.
    func resumed(_ destinations: [String], because reason: String) async {
        for destination in destinations {
            do {
                _ = try await store.resumeWaitingDeliveries(to: destination, now: now())
            } catch {
                logger.error("cannot resume the deliveries of a destination", metadata: ["tg.destination": "\(destination)", "tg.error": "\(error)"])
            }
            logger.notice("destination resumed", metadata: ["tg.destination": "\(destination)", "tg.reason": "\(reason)"])
        }
        wakeup.signal()
    }
}
