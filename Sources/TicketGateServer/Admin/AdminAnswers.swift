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
