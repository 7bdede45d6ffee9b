import Foundation
import Testing
import TicketGateCore
import TicketGateStore

#if canImport(Glibc)
    import Glibc
#endif

/// A dozen events are on their way to a slow SPP when the gateway is killed with SIGKILL; a new process on the
/// same database finishes the work. Counted at SPP, not in the gateway's tables: every event has exactly one
/// ticket with exactly one message, and three customers are three clients.
@Suite struct CrashUnderLoadTests {
    static func form(_ index: Int) -> String {
        #"{"from":"customer\#(index % 3)@example.com","topic":"Question \#(index)","body":"Message number \#(index)."}"#
    }

    @Test func everyEventIsDeliveredExactlyOnceAcrossAKillWhileTheVendorIsSlow() async throws {
        let spp = FakeSPP(answerDelay: .milliseconds(150))
        try await spp.serve { url in
            let directory = try TemporaryDirectory()
            let rules = try directory.write("rules/rules.yml", TestRules.website(sppURL: url, token: spp.token))
            let database = directory.file("ticketgate.sqlite")
            let arguments = [
                "serve", "--rules", (rules as NSString).deletingLastPathComponent, "--database", "sqlite:\(database)", "--port", "0",
            ]
            let count = 12

            let first = try GatewayProcess(arguments: arguments, environment: TestRules.environment)
            let port = try await first.listeningPort()
            var ids: [String] = []
            for index in 0..<count {
                let body = Self.form(index)
                ids.append(
                    try await GatewayProcess.post(
                        body, to: "website", port: port, headers: ["X-Signature": Signing.header(body, secret: GatewayHarness.secret)]))
            }
            // SPP has made some tickets and is still answering: the kill lands between its work and the answer.
            try await spp.waitForTicketRequests(3)
            first.signal(SIGKILL)
            #expect(try await first.exitStatus() == SIGKILL)

            let second = try GatewayProcess(arguments: arguments, environment: TestRules.environment)
            _ = try await second.listeningPort()
            try await withTimeout(.seconds(60)) {
                for await _ in spp.handled where Set(spp.messages.map(\.message)).count == count { return }
            }
            second.signal(SIGTERM)
            #expect(try await second.exitStatus() == 0)

            // At the vendor: one ticket per event, one message per ticket, one client per customer.
            #expect(spp.clients.count == 3)
            let subjects = spp.tickets.map(\.subject)
            #expect(subjects.sorted() == (0..<count).map { "Question \($0)" }.sorted())
            #expect(spp.messages.count == count)
            #expect(Set(spp.messages.map(\.ticketID)) == Set(spp.tickets.map(\.id)))

            // And the gateway agrees: every delivery ended delivered, none lost.
            let store = try SQLiteEventStore(path: database, serving: false)
            for id in ids {
                let report = try #require(try await store.report(for: EventID(rawValue: id)))
                #expect(report.deliveries.map(\.status) == [.delivered], "\(id)")
            }
        }
    }
}
