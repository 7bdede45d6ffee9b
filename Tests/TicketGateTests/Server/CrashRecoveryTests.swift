import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
import TicketGateCore
import TicketGateStore

#if canImport(Glibc)
    import Glibc
#endif

/// An event answered 202 survives the gateway being killed in the middle of delivering it.
@Suite struct CrashRecoveryTests {
    @Test func eventAcceptedBeforeSIGKILLIsDeliveredOnceAfterRestart() async throws {
        let spp = FakeSPP()
        spp.hold()
        try await spp.serve { url in
            let directory = try TemporaryDirectory()
            let rules = try directory.write("rules/rules.yml", TestRules.website(sppURL: url, token: spp.token))
            let database = directory.file("ticketgate.sqlite")
            let arguments = [
                "serve", "--rules", (rules as NSString).deletingLastPathComponent, "--database", "sqlite:\(database)", "--port", "0",
            ]

            // First run: the event is accepted, and the worker's first request to SPP hangs.
            let first = try GatewayProcess(arguments: arguments, environment: TestRules.environment)
            let port = try await first.listeningPort()
            let id = try await Self.post(#"{"from":"jane@example.com","topic":"Lost order","body":"Order 7 never came."}"#, port: port)
            _ = try await spp.arrivals.first { $0.path == "/api/clients" }
            first.signal(SIGKILL)
            #expect(try await first.exitStatus() == SIGKILL)
            #expect(spp.tickets.isEmpty)
            spp.release()

            // Second run on the same database: the interrupted delivery is attempted again and completes.
            let second = try GatewayProcess(arguments: arguments, environment: TestRules.environment)
            _ = try await second.listeningPort()
            _ = try await spp.arrivals.first { $0.path.hasPrefix("/api/ticket_messages/") }
            second.signal(SIGTERM)
            #expect(try await second.exitStatus() == 0)

            // Counted at the vendor: one client, one ticket, one message.
            #expect(spp.clients.count == 1)
            #expect(spp.tickets.map(\.subject) == ["Lost order"])
            #expect(spp.messages.map(\.message) == ["Order 7 never came."])

            let store = try SQLiteEventStore(path: database, serving: false)
            let report = try #require(try await store.report(for: id))
            #expect(report.deliveries.map(\.status) == [.delivered])
            #expect(report.deliveries.first?.attempts == 2)
        }
    }

    private static func post(_ body: String, port: Int) async throws -> EventID {
        EventID(
            rawValue: try await GatewayProcess.post(
                body, to: "website", port: port, headers: ["X-Signature": Signing.header(body, secret: GatewayHarness.secret)]))
    }
}
