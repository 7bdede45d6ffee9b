/// When a retryable failure is tried again, and when the gateway gives up.
package struct RetryPolicy: Sendable {
    /// Attempts in all, the first included; after the last one fails the delivery is dead.
    package var maxAttempts: Int
    /// The delay after the first failure; each later failure doubles it.
    package var baseDelay: Duration
    /// The longest delay between attempts, also the most a `Retry-After` can ask for.
    package var maxDelay: Duration
    /// When true, each delay is shortened by a random part of up to a tenth, so deliveries that failed
    /// together do not all come back at the same moment.
    package var jitter: Bool

    package init(maxAttempts: Int, baseDelay: Duration, maxDelay: Duration, jitter: Bool = true) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.jitter = jitter
    }

    /// 10 s doubling to an hour (10 s, 20 s, 40 s … 42 min 40 s, then every hour), 33 attempts: about a day in
    /// all (22 to 24.4 hours with the jitter) before a delivery is dead.
    package static let standard = RetryPolicy(maxAttempts: 33, baseDelay: .seconds(10), maxDelay: .seconds(3600))

    /// Retries at once, for tests of what happens across attempts.
    package static func immediate(maxAttempts: Int) -> RetryPolicy {
        RetryPolicy(maxAttempts: maxAttempts, baseDelay: .zero, maxDelay: .zero, jitter: false)
    }

    /// The backoff after `attempt` (counting from 1) before jitter: `baseDelay` doubled per attempt, at most
    /// `maxDelay`.
    package func backoff(afterAttempt attempt: Int) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        return min(baseDelay * (1 << exponent), maxDelay)
    }

    /// The wait before the attempt after `attempt`: the backoff less up to a tenth of jitter, or the vendor's
    /// `Retry-After` when that is longer; never more than `maxDelay`.
    package func delay(afterAttempt attempt: Int, retryAfter: Duration?) -> Duration {
        var backoff = backoff(afterAttempt: attempt)
        if jitter, backoff > .zero {
            backoff = backoff * Double.random(in: 0.9...1)
        }
        return min(max(backoff, retryAfter ?? .zero), maxDelay)
    }

    /// True when another attempt is allowed after `attempt`.
    package func allowsAnotherAttempt(after attempt: Int) -> Bool {
        attempt < maxAttempts
    }
}
