import Foundation
import Hummingbird
import TicketGateCore

/// `GET /admin/destinations`, and the answer to a pause or resume.
package struct DestinationList: ResponseEncodable, Decodable, Sendable, Equatable {
    package var destinations: [DestinationStatus]
}

/// `GET /admin/instances`: the gateway instances sharing the store, newest heartbeat first.
package struct InstanceList: ResponseEncodable, Decodable, Sendable, Equatable {
    package var instances: [InstanceStatus]
}

/// Deliveries an operator put back in the outbox.
package struct RequeuedDeliveries: ResponseEncodable, Decodable, Sendable, Equatable {
    package var deliveries: [DeliverySummary]
}

extension EventPage: ResponseEncodable {}
extension ReplayResult: ResponseEncodable {}
extension EventReport: ResponseEncodable {}
