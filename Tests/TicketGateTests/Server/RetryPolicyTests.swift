import Testing

@testable import TicketGateServer

@Suite struct RetryPolicyTests {
    @Test func backoffDoublesWithJitterAndStopsAtTheCap() {
        let policy = RetryPolicy(maxAttempts: 20, baseDelay: .seconds(10), maxDelay: .seconds(3600))
        for attempt in 1...20 {
            let nominal = min(Duration.seconds(10) * (1 << min(attempt - 1, 20)), .seconds(3600))
            #expect(policy.backoff(afterAttempt: attempt) == nominal)
            let delay = policy.delay(afterAttempt: attempt, retryAfter: nil)
            #expect(delay >= nominal * 0.9 && delay <= nominal, "attempt \(attempt): \(delay)")
        }
    }

    @Test func retryAfterWinsWhenLongerButNeverPastTheCap() {
        let policy = RetryPolicy(maxAttempts: 5, baseDelay: .seconds(10), maxDelay: .seconds(600), jitter: false)
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(90)) == .seconds(90))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(2)) == .seconds(10))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(86_400)) == .seconds(600))
    }

    @Test func attemptsAreCounted() {
        let policy = RetryPolicy.immediate(maxAttempts: 3)
        #expect(policy.allowsAnotherAttempt(after: 2))
        #expect(!policy.allowsAnotherAttempt(after: 3))
        #expect(policy.delay(afterAttempt: 2, retryAfter: nil) == .zero)
    }

    @Test func theStandardScheduleLastsAboutADay() {
        let policy = RetryPolicy.standard
        let nominal = (1..<policy.maxAttempts).map(policy.backoff(afterAttempt:))
        #expect(Array(nominal.prefix(10)) == [10, 20, 40, 80, 160, 320, 640, 1280, 2560, 3600].map { Duration.seconds($0) })
        let total = nominal.reduce(Duration.zero, +)
        #expect(total == .seconds(87_910))  // 24 h 25 min; the jitter takes at most a tenth off
    }
}
