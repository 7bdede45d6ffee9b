/// When a retryable failure is tried again, and when the gateway gives up.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included; after the last one fails the delivery is dead.
    public var maxAttempts: Int
    /// The delay after the first failure; each later failure doubles it.
    public var baseDelay: Duration
    /// The longest delay between attempts, also the most a `Retry-After` can ask for.
    public var maxDelay: Duration
    /// When true, a random part of each delay spreads out retries that failed together.
    public var jitter: Bool

    public init(maxAttempts: Int, baseDelay: Duration, maxDelay: Duration, jitter: Bool = true) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.jitter = jitter
    }

    /// 10 s doubling to at most an hour, 20 attempts: about twelve and a half hours in all.
    public static let standard = RetryPolicy(maxAttempts: 20, baseDelay: .seconds(10), maxDelay: .seconds(3600))

    /// Retries at once, for tests of what happens across attempts.
    public static func immediate(maxAttempts: Int) -> RetryPolicy {
        RetryPolicy(maxAttempts: maxAttempts, baseDelay: .zero, maxDelay: .zero, jitter: false)
    }

    /// The wait before the attempt after `attempt` (counting from 1): exponential backoff with equal jitter,
    /// or the vendor's `Retry-After` when that is longer, never more than `maxDelay`.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration?) -> Duration {
        let exponent = min(max(attempt - 1, 0), 20)
        var backoff = min(baseDelay * (1 << exponent), maxDelay)
        if jitter, backoff > .zero {
            backoff = backoff / 2 + backoff / 2 * Double.random(in: 0...1)
        }
        return min(max(backoff, retryAfter ?? .zero), maxDelay)
    }

    /// True when another attempt is allowed after `attempt`.
    public func allowsAnotherAttempt(after attempt: Int) -> Bool {
        attempt < maxAttempts
    }
}
