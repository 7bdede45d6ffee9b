import Foundation
import Testing
import TicketGateCore

@testable import TicketGateVendors

/// One table decides what every vendor status means; 401 and 403 pause the destination instead of failing.
@Suite struct StatusClassifierTests {
    enum Expected: Sendable {
        case delivered
        case retryable(FailureReason)
        case paused
        case permanent(FailureReason)
    }

    @Test(arguments: [
        (200, Expected.delivered), (201, .delivered), (204, .delivered),
        (408, .retryable(.serverError)), (425, .retryable(.serverError)), (429, .retryable(.rateLimited)),
        (500, .retryable(.serverError)), (502, .retryable(.serverError)), (503, .retryable(.serverError)), (504, .retryable(.serverError)),
        (401, .paused), (403, .paused),
        (404, .permanent(.notFound)), (400, .permanent(.rejected)), (409, .permanent(.rejected)), (422, .permanent(.rejected)),
        (301, .permanent(.rejected)),
    ])
    func classifies(status: Int, expected: Expected) {
        let outcome = StatusClassifier.classify(status: status, retryAfter: .seconds(3), detail: "d")
        switch (expected, outcome) {
        case (.delivered, nil):
            break
        case (.retryable(let reason), .retryable(let failure, let retryAfter)?):
            #expect(failure.reason == reason)
            #expect(retryAfter == .seconds(3))
        case (.paused, .credentialRefused(let failure)?):
            #expect(failure.reason == .unauthorized)
        case (.permanent(let reason), .permanent(let failure)?):
            #expect(failure.reason == reason)
        default:
            Issue.record("status \(status): expected \(expected), got \(String(describing: outcome))")
        }
    }

    @Test func retryAfterReadsSecondsAndDates() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(RetryAfter.parse("120", now: now) == .seconds(120))
        #expect(RetryAfter.parse(" 0 ", now: now) == .zero)
        #expect(RetryAfter.parse("Fri, 15 Jan 2027 08:00:30 GMT", now: Date(timeIntervalSince1970: 1_800_000_000)) != nil)
        #expect(RetryAfter.parse("soon", now: now) == nil)
        #expect(RetryAfter.parse(nil, now: now) == nil)
    }
}
