import Foundation
import GRDB
import Logging
import Testing
import TicketGateCore

@testable import TicketGateServer
@testable import TicketGateStore

/// Retention: raw payloads go after their days, events (with their audit) after theirs, and nothing an open
/// delivery still needs goes before the delivery ends.
@Suite struct RetentionTests {
    static let body = #"{"from":"jane@example.com","topic":"Old question","body":"Personal details."}"#

    static func rawBody(of id: EventID, in store: SQLiteEventStore) async throws -> Data? {
        try await store.writer.read { db in try Data.fetchOne(db, sql: "SELECT raw_body FROM event WHERE id = ?", arguments: [id.rawValue]) }
    }

    @Test func rawPayloadsGoFirstAndEventsLater() async throws {
        let spp = FakeSPP()
        try await spp.serve { url in
            let gateway = try GatewayHarness(rules: TestRules.website(sppURL: url, token: spp.token), environment: TestRules.environment)
            let (id, delivery) = try await gateway.deliver(Self.body)
            #expect(delivery.status == .delivered)
            let pruner = RetentionPruner(
                store: gateway.store, policy: RetentionPolicy(rawPayloadDays: 7, eventDays: 90), logger: Logger(label: "test"),
                now: { gateway.clock.now })

            await pruner.pruneOnce()
            #expect(try await Self.rawBody(of: id, in: gateway.store) == Data(Self.body.utf8))

            gateway.clock.advance(to: Date().addingTimeInterval(8 * 86_400))
            await pruner.pruneOnce()
            #expect(try await Self.rawBody(of: id, in: gateway.store) == Data())
            // The normalized event, its deliveries and its audit are still there to explain what happened.
            let report = try await gateway.report(id)
            #expect(report.deliveries.map(\.status) == [.delivered])
            #expect(!report.audit.isEmpty)

            gateway.clock.advance(to: Date().addingTimeInterval(91 * 86_400))
            await pruner.pruneOnce()
            #expect(try await gateway.store.report(for: id) == nil)
            // Its deliveries and every audit record, its deliveries' included, went with it.
            #expect(try await gateway.store.counts() == StoreCounts(events: 0, deliveries: 0, auditRecords: 0))
        }
    }

    @Test func anEventWithADeliveryStillPendingIsKept() async throws {
        let spp = FakeSPP()
        spp.hold()
        defer { spp.release() }
        try await spp.serve { url in
            let gateway = try GatewayHarness(rules: TestRules.website(sppURL: url, token: spp.token), environment: TestRules.environment)
            try await gateway.run { client in
                let accepted = try await client.postHook(body: Self.body)
                let id = try #require(accepted.eventID)
                // The delivery is at SPP, unanswered, when a year has gone by.
                _ = try await spp.arrivals.first(within: .seconds(30)) { _ in true }
                gateway.clock.advance(to: Date().addingTimeInterval(365 * 86_400))
                let result = try await gateway.store.prune(RetentionPolicy().cutoffs(at: gateway.clock.now))
                #expect(result.events == 0)
                let report = try await gateway.report(id)
                #expect(report.deliveries.map(\.status) == [.pending])
                spp.release()
                _ = try await gateway.finalDeliveries(of: id)
            }
        }
    }

    @Test(arguments: [("TICKETGATE_RETAIN_RAW_DAYS", "0"), ("TICKETGATE_RETAIN_EVENT_DAYS", "ninety")])
    func badRetentionSettingsStopTheStart(name: String, value: String) {
        #expect(throws: StartupError.self) { try GatewayConfiguration.fromEnvironment([name: value]) }
    }

    @Test func retentionIsReadFromTheEnvironment() throws {
        let configuration = try GatewayConfiguration.fromEnvironment(["TICKETGATE_RETAIN_RAW_DAYS": "3", "TICKETGATE_RETAIN_EVENT_DAYS": "30"])
        #expect(configuration.retention.rawPayloadDays == 3)
        #expect(configuration.retention.eventDays == 30)
        #expect(GatewayConfiguration().retention == RetentionPolicy(rawPayloadDays: 7, eventDays: 90))
    }
}
