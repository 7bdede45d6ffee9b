import Foundation

/// The events that arrived in one hour, and where their deliveries stand now: the console's overview chart.
package struct ActivityHour: Sendable, Equatable {
    /// The hour's first moment (UTC).
    package var start: Date
    package var events: Int
    /// The deliveries of those events, by their status now.
    package var deliveries: [DeliveryStatus: Int]

    package init(start: Date, events: Int, deliveries: [DeliveryStatus: Int]) {
        self.start = start
        self.events = events
        self.deliveries = deliveries
    }
}
