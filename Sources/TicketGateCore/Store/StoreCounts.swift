/// How many rows each table holds.
public struct StoreCounts: Sendable, Equatable {
    public var events: Int
    public var deliveries: Int
    public var auditRecords: Int

    public init(events: Int, deliveries: Int, auditRecords: Int) {
        self.events = events
        self.deliveries = deliveries
        self.auditRecords = auditRecords
    }
}
