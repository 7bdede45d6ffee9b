import Foundation

/// A destination that sends nothing for now, with why and since when.
package struct DestinationPause: Sendable, Equatable {
    package enum Reason: String, Sendable, Codable {
        /// The vendor refused the credential; a probe tries one delivery every probe interval.
        case credentialRefused = "credential_refused"
        /// An operator paused it; it lasts until an operator resumes it.
        case operatorPaused = "operator"
    }

    package var destination: String
    package var reason: Reason
    package var since: Date
    /// When the next probe may go; `nil` for an operator's pause.
    package var probeAt: Date?

    package init(destination: String, reason: Reason, since: Date, probeAt: Date?) {
        self.destination = destination
        self.reason = reason
        self.since = since
        self.probeAt = probeAt
    }
}
