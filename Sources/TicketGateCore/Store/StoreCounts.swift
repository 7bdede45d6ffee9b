/// How many rows each table holds.
package struct StoreCounts: Sendable, Equatable {
    package var events: Int
    package var deliveries: Int
    package var auditRecords: Int

    package init(events: Int, deliveries: Int, auditRecords: Int) {
        self.events = events
        self.deliveries = deliveries
        self.auditRecords = auditRecords
    }
}
