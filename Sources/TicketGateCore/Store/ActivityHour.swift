import Foundation

/// The events that arrived in one hour, and where their deliveries stand now: the console's overview chart.
public struct ActivityHour: Sendable, Equatable {
    /// The hour's first moment (UTC).
    public var start: Date
    public var events: Int
    /// The deliveries of those events, by their status now.
    public var deliveries: [DeliveryStatus: Int]

    public init(start: Date, events: Int, deliveries: [DeliveryStatus: Int]) {
        self.start = start
        self.events = events
        self.deliveries = deliveries
    }
}
