/// What one client may make the gateway spend on its connections and request bodies, before and after it
/// authenticates. Every field has a safe default; `serve` reads each from a flag or its environment variable.
package struct HTTPLimits: Sendable, Equatable {
    /// From a connection's start, how long a client has to send its first request's headers.
    package var headerTimeout: Duration
    /// From a request's headers, how long a client has to send its whole body.
    package var bodyTimeout: Duration
    /// After an answer, how long a keep-alive connection may wait for the next request's headers.
    package var idleTimeout: Duration
    /// Connections open at once; past it, new ones are closed as they arrive (logged and counted).
    package var maxConnections: Int
    /// Connections one client address may hold open at once; `nil` for `defaultClientConnections`. Trusted
    /// proxies are not held to it.
    package var maxClientConnections: Int?
    /// Request body bytes held in memory at once, across every request; past it, `503` with `Retry-After`.
    package var bodyBudget: Int
    /// Request body bytes held at once for one client address; past it, `429` with `Retry-After`.
    package var clientBodyBudget: Int
    /// Bytes per second a body must bring on average over each `bodyRateWindow` from its headers on, or its
    /// connection is answered `408` and closed; 0 checks nothing but the body timeout.
    package var minBodyRate: Int
    /// The period over which `minBodyRate` is measured, the first one counted from the request's headers.
    package var bodyRateWindow: Duration

    package init(
        headerTimeout: Duration = .seconds(10),
        bodyTimeout: Duration = .seconds(60),
        idleTimeout: Duration = .seconds(60),
        maxConnections: Int = 1024,
        maxClientConnections: Int? = nil,
        bodyBudget: Int = 256 << 20,
        clientBodyBudget: Int = 64 << 20,
        minBodyRate: Int = 1 << 10,
        bodyRateWindow: Duration = .seconds(5)
    ) {
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
        self.maxClientConnections = maxClientConnections
        self.bodyBudget = bodyBudget
        self.clientBodyBudget = clientBodyBudget
        self.minBodyRate = minBodyRate
        self.bodyRateWindow = bodyRateWindow
    }

    /// The connections one client address may hold when no limit is set: an eighth of `maxConnections`, at
    /// least 8.
    package var defaultClientConnections: Int { max(8, maxConnections / 8) }

    /// The connections one client address may hold: never more than `maxConnections`.
    package var clientConnections: Int { min(maxConnections, maxClientConnections ?? defaultClientConnections) }
}
