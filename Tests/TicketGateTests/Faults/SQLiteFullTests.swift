import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import Testing
import TicketGateCore

@testable import TicketGateStore

/// The embedded database out of space (held to a page count, as a full disk holds it): an event that does not
/// fit is answered `503` with `Retry-After`, nothing of it is stored, the events before it are intact, and once
/// there is room again the next event is taken without a restart.
@Suite struct SQLiteFullTests {
    static func form(_ n: Int) -> String {
        #"{"from":"jane@example.com","topic":"Order \#(n)","body":"\#(String(repeating: "Where is my order? ", count: 200))"}"#
    }

    @Test func aFullDatabaseAnswers503StoresNothingHalfAndRecoversWhenThereIsRoom() async throws {
        let gateway = try GatewayHarness(rules: TestRules.website(sppURL: "https://spp.example", token: nil), environment: TestRules.environment)
        let store = gateway.store
        let pages = try await store.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0 }
        try await store.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA max_page_count = \(pages + 40)") }
        try await gateway.run { client in
            var accepted: [EventID] = []
            var refusal: TestResponse?
            for n in 0..<2_000 {
                let response = try await client.postHook(body: Self.form(n))
                guard response.status == .accepted, let id = response.eventID else {
                    refusal = response
                    break
                }
                accepted.append(id)
            }
            let full = try #require(refusal, "the database never filled")
            #expect(full.status == .serviceUnavailable)
            #expect(full.headers[.retryAfter] != nil)
            #expect(full.json?["type"]?.string == "urn:ticketgate:problem:store-unavailable")
            #expect(!accepted.isEmpty)

            // Nothing half-stored: every event taken has its delivery and audit, and the refused one left nothing.
            let counts = try await store.counts()
            #expect(counts.events == accepted.count)
            #expect(counts.deliveries == accepted.count)
            for id in accepted {
                let report = try #require(try await store.report(for: id))
                #expect(report.deliveries.count == 1)
                #expect(report.audit.contains { $0.record.stage == .decided })
            }

            try await store.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA max_page_count = 1073741823") }
            let after = try await client.postHook(body: Self.form(10_000))
            #expect(after.status == .accepted)
            #expect(try await store.counts().events == accepted.count + 1)
        }
    }
}
