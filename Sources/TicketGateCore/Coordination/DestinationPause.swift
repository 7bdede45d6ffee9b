import Foundation

/// A destination that sends nothing for now, with why and since when.
public struct DestinationPause: Sendable, Equatable {
    public enum Reason: String, Sendable, Codable {
        /// The vendor refused the credential; a probe tries one delivery every probe interval.
        case credentialRefused = "credential_refused"
        /// An operator paused it; it lasts until an operator resumes it.
        case operatorPaused = "operator"
    }

    public var destination: String
    public var reason: Reason
    public var since: Date
    /// When the next probe may go; `nil` for an operator's pause.
    public var probeAt: Date?

    public init(destination: String, reason: Reason, since: Date, probeAt: Date?) {
        self.destination = destination
        self.reason = reason
        self.since = since
        self.probeAt = probeAt
    }
}
