import Foundation
import Logging
import TicketGateCore

/// What an operator can do to events and destinations, the same from the admin API and the console: replay
/// an event, put failed or dead deliveries back in the outbox, pause and resume a destination. Each action on
/// an event leaves an audit record that names the channel it came from.
struct OperatorActions: Sendable {
    let store: any OperatorStore
    let control: DeliveryControl
    let replayer: EventReplayer

    /// Replays event `id`; `nil` when there is no such event.
    func replay(_ id: EventID, force: Bool, via channel: OperatorChannel, logger: Logger) async throws -> ReplayResult? {
        guard let result = try await replayer.replay(id, force: force, via: channel) else { return nil }
        logger.notice("event replayed", metadata: ["tg.event.id": "\(id)", "tg.replay.forced": "\(force)", "tg.via": "\(channel.rawValue)"])
        return result
    }

    /// Puts the selected deliveries whose status is one of `statuses` back in the outbox, attempts reset.
    func requeue(_ selection: DeliverySelection, statuses: Set<DeliveryStatus>, via channel: OperatorChannel, logger: Logger) async throws
        -> [DeliverySummary]
    {
        let now = control.now()
        let record = AuditRecord(
            stage: .requeued, at: now, summary: "put back in the outbox by an operator \(channel.phrase); attempts start again",
            detail: ["via": .string(channel.rawValue)])
        let deliveries = try await store.requeueDeliveries(selection, statuses: statuses, now: now, audit: record)
        if !deliveries.isEmpty {
            logger.notice("deliveries requeued", metadata: ["tg.deliveries": "\(deliveries.count)", "tg.via": "\(channel.rawValue)"])
            control.wakeup.signal()
        }
        return deliveries
    }

    func pause(_ destination: String, via channel: OperatorChannel) async {
        await control.pauseByOperator(destination, via: channel)
    }

    func resume(_ destination: String, via channel: OperatorChannel) async {
        if await control.pauses.resume(destination) {
            await control.resumed([destination], because: "an operator resumed it \(channel.phrase)")
        }
    }
}
