import Foundation
import Testing
import TicketGateCore

@testable import TicketGateServer

/// A destination that is down for a while (503, 503 again, then 429 with `Retry-After`, then well): the event
/// waits through it, each retry comes when the standard schedule says, the vendor's `Retry-After` wins over a
/// shorter backoff, and in the end the vendor holds exactly one ticket and one message. The worker's clock is
/// moved on by the test, so the schedule is checked without waiting for it.
@Suite struct OutageScheduleTests {
    static let form = #"{"from":"jane@example.com","full_name":"Jane Doe","topic":"Question","body":"Where is my order?"}"#

    @Test func anOutageIsWaitedOutOnScheduleAndNothingIsLost() async throws {
        let spp = FakeSPP()
        spp.script("POST", "/api/tickets", .init(status: 503, body: #"{"message":"Service Unavailable"}"#))
        spp.script("POST", "/api/tickets", .init(status: 503, body: #"{"message":"Service Unavailable"}"#))
        spp.script("POST", "/api/tickets", .init(status: 429, body: #"{"message":"Too Many Attempts."}"#, headers: ["Retry-After": "120"]))
        try await spp.serve { url in
            let gateway = try GatewayHarness(
                rules: TestRules.website(sppURL: url, token: spp.token), environment: TestRules.environment, retry: .standard,
                pollInterval: .milliseconds(20))
            let id = try await gateway.run { client in
                let id = try #require(try await client.postHook(body: Self.form).eventID)
                var scheduled: Date?
                for attempt in 1...3 {
                    let previous = scheduled
                    let waiting = try await gateway.delivery(of: id) {
                        $0.status == .pending && $0.attempts == attempt && $0.lastFailure != nil && $0.nextAttemptAt != previous
                    }
                    scheduled = waiting.nextAttemptAt
                    // Nothing is attempted before its time; then the clock moves on to it.
                    gateway.clock.advance(to: try #require(scheduled))
                }
                let delivery = try #require(try await gateway.finalDeliveries(of: id).first)
                #expect(delivery.status == .delivered)
                #expect(delivery.attempts == 4)
                return id
            }
            let retries = try await gateway.report(id).audit.map(\.record).filter { $0.stage == .retryScheduled }
            let delays = try retries.map { record -> TimeInterval in
                let next = try #require(record.detail["next_attempt_at"]?.string.flatMap { try? Date($0, strategy: .iso8601) })
                return next.timeIntervalSince(record.at)
            }
            #expect(delays.count == 3)
            // 10 s and 20 s less up to a tenth of jitter (to the second, as the audit keeps them), then the vendor's 120 s.
            #expect((8...10).contains(delays[0].rounded()), "\(delays)")
            #expect((17...20).contains(delays[1].rounded()), "\(delays)")
            #expect((119...121).contains(delays[2].rounded()), "\(delays)")
            #expect(retries.map { $0.detail["reason"]?.string } == ["server_error", "server_error", "rate_limited"])
            #expect(spp.tickets.count == 1)
            #expect(spp.messages.count == 1)
            #expect(spp.requests.filter { $0.method == "POST" && $0.path == "/api/tickets" }.count == 4)
        }
    }
}
