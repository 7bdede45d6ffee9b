import Foundation

/// A destination as an operator sees it (the admin API, the console): its vendor, base URL, whether it runs dry,
/// its rate limit, its pause, and its deliveries by status.
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

        package init(reason: String, since: Date, nextProbeAt: Date?) {
            self.reason = reason
            self.since = since
            self.nextProbeAt = nextProbeAt
        }
    }

    package init(
        name: String, vendor: String, url: String, dryRun: Bool, rateLimit: String?, paused: Paused?, deliveries: [String: Int]
    ) {
        self.name = name
        self.vendor = vendor
        self.url = url
        self.dryRun = dryRun
        self.rateLimit = rateLimit
        self.paused = paused
        self.deliveries = deliveries
    }
}

/// One gateway instance sharing the store, as an operator sees it.
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

    package init(id: UUID, name: String, startedAt: Date, heartbeatAt: Date, alive: Bool, runningAttempts: Int, answering: Bool) {
        self.id = id
        self.name = name
        self.startedAt = startedAt
        self.heartbeatAt = heartbeatAt
        self.alive = alive
        self.runningAttempts = runningAttempts
        self.answering = answering
    }
}

/// What a replay did.
package struct ReplayResult: Codable, Sendable, Equatable {
    package var id: EventID
    /// `deliver`, `drop` or `unrouted`: what the rules in force decide now.
    package var outcome: String
    package var matchedRules: [String]
    package var rulesVersion: String
    package var deliveries: [DeliverySummary]
    /// Why a delivery the rules chose was not queued.
    package var skipped: String?

    package init(id: EventID, outcome: String, matchedRules: [String], rulesVersion: String, deliveries: [DeliverySummary], skipped: String?) {
        self.id = id
        self.outcome = outcome
        self.matchedRules = matchedRules
        self.rulesVersion = rulesVersion
        self.deliveries = deliveries
        self.skipped = skipped
    }
}
