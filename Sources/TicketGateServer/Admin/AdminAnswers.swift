import Foundation
import Hummingbird
import TicketGateCore

/// A destination as the admin API shows it: its vendor, whether it runs dry, its rate limit, its pause, and
/// its deliveries by status.
public struct DestinationStatus: Codable, Sendable, Equatable {
    public var name: String
    public var vendor: String
    public var dryRun: Bool
    public var rateLimit: String?
    public var paused: Paused?
    /// Deliveries by status.
    public var deliveries: [String: Int]

    public struct Paused: Codable, Sendable, Equatable {
        /// `credential_refused` or `operator`.
        public var reason: String
        public var since: Date
        public var nextProbeAt: Date?
    }
}

/// `GET /admin/destinations`, and the answer to a pause or resume.
public struct DestinationList: ResponseEncodable, Decodable, Sendable, Equatable {
    public var destinations: [DestinationStatus]
}

/// `GET /admin/instances`: the gateway instances sharing the store, newest heartbeat first.
public struct InstanceList: ResponseEncodable, Decodable, Sendable, Equatable {
    public var instances: [InstanceStatus]
}

/// One instance as the admin API shows it.
public struct InstanceStatus: Codable, Sendable, Equatable {
    public var id: UUID
    /// Host name and process id.
    public var name: String
    public var startedAt: Date
    public var heartbeatAt: Date
    /// False once its heartbeat is older than three heartbeat intervals: it stopped or cannot reach the store.
    public var alive: Bool
    /// The delivery attempts it ran at its last heartbeat.
    public var runningAttempts: Int
    /// True for the instance that answered.
    public var answering: Bool
}

/// Deliveries an operator put back in the outbox.
public struct RequeuedDeliveries: ResponseEncodable, Decodable, Sendable, Equatable {
    public var deliveries: [DeliverySummary]
}

/// What a replay did.
public struct ReplayResult: ResponseEncodable, Decodable, Sendable, Equatable {
    public var id: EventID
    /// `deliver`, `drop` or `unrouted`: what the rules in force decide now.
    public var outcome: String
    public var matchedRules: [String]
    public var rulesVersion: String
    public var deliveries: [DeliverySummary]
    /// Why a delivery the rules chose was not queued.
    public var skipped: String?
}

extension EventPage: ResponseEncodable {}
extension EventReport: ResponseEncodable {}
