import Foundation
import TicketGateCore

/// Everything `ticketgate serve` is configured with. Every field has the default `serve` uses without flags.
package struct GatewayConfiguration: Sendable {
    /// The shortest admin token the gateway starts with: shorter ones can be guessed.
    package static let minimumAdminTokenLength = 16

    /// The address to listen on; behind a reverse proxy this stays on loopback.
    package var host: String
    package var port: Int
    /// The directory of `*.yml` rules files.
    package var rulesDirectory: String
    /// `sqlite:<path>`, or `postgres://…` for several instances on one database.
    package var databaseURL: String
    /// At start, how long a database that cannot be reached (or refuses the login) is tried again before `serve`
    /// gives up; zero tries once.
    package var databaseWait: Duration
    /// Bearer token of the admin API; the admin API is off when it is `nil`. At least
    /// `minimumAdminTokenLength` characters.
    package var adminToken: Secret?
    /// Where `${NAME}` in the rules is read from.
    package var environment: [String: String]
    package var delivery: DeliveryConfiguration
    /// How often the rules directory is checked for changes; zero turns watching off (SIGHUP still reloads).
    package var rulesPollInterval: Duration
    /// At SIGTERM, how long `/readyz` answers 503 while the gateway still accepts, so a load balancer can
    /// notice before it stops.
    package var shutdownDrain: Duration
    /// After it stops accepting, how long deliveries under way may take before they are cut off (their leases
    /// let the next start retry them).
    package var shutdownGrace: Duration
    /// The reverse proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed; none by default.
    package var trustedProxies: TrustedProxies
    /// How long raw payloads and events are kept.
    package var retention: RetentionPolicy
    /// The time limits of connections and the budget of request bodies held in memory.
    package var http: HTTPLimits

    package init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        rulesDirectory: String = "Rules",
        databaseURL: String = "sqlite:data/ticketgate.sqlite",
        databaseWait: Duration = .seconds(30),
        adminToken: Secret? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        delivery: DeliveryConfiguration = DeliveryConfiguration(),
        rulesPollInterval: Duration = .seconds(2),
        shutdownDrain: Duration = .zero,
        shutdownGrace: Duration = .seconds(30),
        trustedProxies: TrustedProxies = .none,
        retention: RetentionPolicy = RetentionPolicy(),
        http: HTTPLimits = HTTPLimits()
    ) {
        self.host = host
        self.port = port
        self.rulesDirectory = rulesDirectory
        self.databaseURL = databaseURL
        self.databaseWait = databaseWait
        self.adminToken = adminToken
        self.environment = environment
        self.delivery = delivery
        self.rulesPollInterval = rulesPollInterval
        self.shutdownDrain = shutdownDrain
        self.shutdownGrace = shutdownGrace
        self.trustedProxies = trustedProxies
        self.retention = retention
        self.http = http
    }
}

/// How the delivery worker drains the outbox.
package struct DeliveryConfiguration: Sendable {
    /// Deliveries attempted at the same time, across destinations (each destination's `concurrency` and
    /// `rate_limit` still hold). An attempt mostly waits on its vendor, so many run at once.
    package var concurrency: Int
    /// How long a claimed delivery is reserved for its attempt. A running attempt renews it every third of the
    /// lease, so this is how long the deliveries of an instance that died wait before another instance takes
    /// them over.
    package var lease: Duration
    /// How often the worker looks for deliveries whose retry time has come.
    package var pollInterval: Duration
    package var retry: RetryPolicy
    /// The longest one vendor request may take.
    package var vendorTimeout: Duration
    /// How often a destination paused by a refused credential is probed with one of its deliveries.
    package var probeInterval: Duration
    /// After claiming, how long the worker lets wake-ups gather before it claims again: under load, one claim
    /// then takes many deliveries instead of one each. Idle, the first event is claimed at once.
    package var claimCoalescing: Duration

    package init(
        concurrency: Int = 64,
        lease: Duration = .seconds(60),
        pollInterval: Duration = .seconds(1),
        retry: RetryPolicy = .standard,
        vendorTimeout: Duration = .seconds(30),
        probeInterval: Duration = .seconds(60),
        claimCoalescing: Duration = .milliseconds(5)
    ) {
        self.concurrency = concurrency
        self.lease = lease
        self.pollInterval = pollInterval
        self.retry = retry
        self.vendorTimeout = vendorTimeout
        self.probeInterval = probeInterval
        self.claimCoalescing = claimCoalescing
    }
}
