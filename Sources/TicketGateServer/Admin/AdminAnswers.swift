import Foundation
import Hummingbird
import TicketGateCore

/// A destination as the admin API shows it: its vendor, whether it runs dry, its rate limit, its pause, and
/// its deliveries by status.
package struct DestinationStatus: Codable, Sendable, Equatable {
    package var name: String
    package var vendor: String
    /// The destination's base URL, without any credential written into it.
    package var url: String
    package var dryRun: Bool
    package var rateLimit: String?
    package var paused: Paused?
    /// Deliveries by status.
    package var deliveries: [String: Int]

    package struct Paused: Codable, Sendable, Equatable {
        /// `credential_refused` or `operator`.
        package var reason: String
        package var since: Date
        package var nextProbeAt: Date?
    }
}

/// `GET /admin/destinations`, and the answer to a pause or resume.
package struct DestinationList: ResponseEncodable, Decodable, Sendable, Equatable {
    package var destinations: [DestinationStatus]
}

/// `GET /admin/instances`: the gateway instances sharing the store, newest heartbeat first.
package struct InstanceList: ResponseEncodable, Decodable, Sendable, Equatable {
    package var instances: [InstanceStatus]
}

/// One instance as the admin API shows it.
package struct InstanceStatus: Codable, Sendable, Equatable {
    package var id: UUID
    /// Host name and process id.
    package var name: String
    package var startedAt: Date
    package var heartbeatAt: Date
    /// False once its heartbeat is older than three heartbeat intervals: it stopped or cannot reach the store.
    package var alive: Bool
    /// The delivery attempts it ran at its last heartbeat.
    package var runningAttempts: Int
    /// True for the instance that answered.
    package var answering: Bool
}

/// Deliveries an operator put back in the outbox.
package struct RequeuedDeliveries: ResponseEncodable, Decodable, Sendable, Equatable {
    package var deliveries: [DeliverySummary]
}

/// What a replay did.
package struct ReplayResult: ResponseEncodable, Decodable, Sendable, Equatable {
    package var id: EventID
    /// `deliver`, `drop` or `unrouted`: what the rules in force decide now.
    package var outcome: String
    package var matchedRules: [String]
    package var rulesVersion: String
    package var deliveries: [DeliverySummary]
    /// Why a delivery the rules chose was not queued.
    package var skipped: String?
}

extension EventPage: ResponseEncodable {}
extension EventReport: ResponseEncodable {}
