import Foundation
import GRDB
import TicketGateCore

extension SQLiteEventStore {
    /// The deliveries of one event, each time any of them changes.
    package func deliveryUpdates(for id: EventID) -> some AsyncSequence<[DeliverySummary], any Error> {
        let deliveries = EventListing.deliveries(of: [id.rawValue], SQLiteDialect())
        return
            ValueObservation
            .tracking { db in try db.rows(deliveries).map { try StoredDelivery(row: $0, instant: EpochMilliseconds.date).summary } }
            .values(in: writer)
    }
}
