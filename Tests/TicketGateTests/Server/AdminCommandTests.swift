import Foundation
import Testing
import TicketGateCore

@testable import TicketGateServer

/// `ticketgate events` and `ticketgate destinations`, run as operators run them against a live gateway's admin
/// API: dead letters listed, retried and replayed; destinations listed, paused and resumed; `list` and `show`
/// also straight from the database when no token is set.
@Suite struct AdminCommandTests {
    static let form = AdminAPITests.form

    /// Runs `ticketgate` against the gateway on `port` with the admin token.
    static func ticketgate(_ arguments: [String], port: Int?, token: String? = AdminAPITests.token) async throws -> (output: String, status: Int32) {
        var environment = ["TICKETGATE_URL": "http://127.0.0.1:\(port ?? 0)"]
        environment["TICKETGATE_ADMIN_TOKEN"] = token ?? ""
        return try await TicketGateCommand.run(arguments, environment: environment)
    }

    @Test func deadLettersAreListedRetriedAndReplayedFromTheCommandLine() async throws {
        let spp = FakeSPP()
        for _ in 0..<4 {
            spp.script("POST", "/api/tickets", .init(status: 502, body: "Bad Gateway"))
        }
        try await spp.serve { url in
            let gateway = try AdminAPITests.gateway(url, spp: spp)
            try await gateway.run { client in
                let first = try #require(try await client.postHook(body: Self.form).eventID)
                let second = try #require(try await client.postHook(body: Self.form.replacingOccurrences(of: "Where", with: "When")).eventID)
                let deadDelivery = try #require(try await gateway.finalDeliveries(of: first).first)
                _ = try await gateway.finalDeliveries(of: second)

                let listed = try await Self.ticketgate(["events", "list", "--status", "dead"], port: client.port)
                #expect(listed.status == 0)
                let lines = listed.output.split(separator: "\n")
                #expect(lines.count == 2)
                #expect(lines.allSatisfy { $0.contains(" spp dead ×2 (server_error)") })
                #expect(lines.allSatisfy { $0.contains("  Jane Doe <jane@example.com>  \"Question\"  ") }, "\(lines)")
                #expect(Set(lines.compactMap { $0.split(separator: " ").dropFirst().first.map(String.init) }) == [first.rawValue, second.rawValue])

                // As `events show` and `events list` print the delivery.
                let retried = try await Self.ticketgate(["events", "retry", "#\(deadDelivery.id)"], port: client.port)
                #expect(retried.output == "requeued delivery #\(deadDelivery.id) to spp\n")
                #expect(try await gateway.delivery(of: first) { $0.status == .delivered }.id == deadDelivery.id)

                let replayed = try await Self.ticketgate(["events", "replay", second.rawValue], port: client.port)
                #expect(replayed.status == 0)
                #expect(replayed.output.contains("queued delivery #"))
                #expect(try await gateway.delivery(of: second) { $0.status == .delivered }.status == .delivered)

                let again = try await Self.ticketgate(["events", "replay", second.rawValue], port: client.port)
                #expect(again.status == 1)
                #expect(again.output.contains("not queued: the event was delivered to spp as ticket"))

                let shown = try await Self.ticketgate(["events", "show", first.rawValue], port: client.port)
                #expect(shown.output.hasPrefix("event     \(first)"))
                #expect(shown.output.contains("requeued"))
            }
            #expect(spp.tickets.count == 2)
        }
    }

    @Test func destinationsAreListedPausedAndResumed() async throws {
        let spp = FakeSPP()
        try await spp.serve { url in
            let gateway = try AdminAPITests.gateway(url, spp: spp)
            try await gateway.run { client in
                let paused = try await Self.ticketgate(["destinations", "pause", "spp"], port: client.port)
                #expect(paused.output.hasPrefix("spp (spp)  PAUSED (operator) since "))
                let id = try #require(try await client.postHook(body: Self.form).eventID)
                let listed = try await Self.ticketgate(["destinations", "list"], port: client.port)
                #expect(listed.output.hasSuffix("pending 1\n"))
                let resumed = try await Self.ticketgate(["destinations", "resume", "spp"], port: client.port)
                #expect(!resumed.output.contains("PAUSED"))
                #expect(try await gateway.finalDeliveries(of: id).map(\.status) == [.delivered])
            }
        }
    }

    @Test func withoutATokenListAndShowReadTheDatabaseAndTheRestExplainWhy() async throws {
        let spp = FakeSPP()
        try await spp.serve { url in
            let gateway = try AdminAPITests.gateway(url, spp: spp)
            let id = try await gateway.run { client in
                let id = try #require(try await client.postHook(body: Self.form).eventID)
                _ = try await gateway.finalDeliveries(of: id)
                return id
            }
            let database = gateway.configuration.databaseURL
            let listed = try await Self.ticketgate(["events", "list", "--database", database], port: nil, token: nil)
            #expect(listed.status == 0)
            #expect(listed.output.contains("\(id)  website  Jane Doe <jane@example.com>  \"Question\"  #1 spp delivered"))
            let shown = try await Self.ticketgate(["events", "show", id.rawValue, "--database", database, "--json"], port: nil, token: nil)
            #expect(try JSONDecoder().decode(JSONValue.self, from: Data(shown.output.utf8))["event", "id"] == .string(id.rawValue))
            let replay = try await Self.ticketgate(["events", "replay", id.rawValue], port: nil, token: nil)
            #expect(replay.status == 1)
            #expect(replay.output.contains("set TICKETGATE_ADMIN_TOKEN"))
        }
    }

    @Test func anUnreachableGatewayIsOneLineAndAFailingExit() async throws {
        let listed = try await Self.ticketgate(["events", "list"], port: 0)
        #expect(listed.status == 1)
        #expect(listed.output.hasPrefix("ticketgate: cannot reach the gateway at http://127.0.0.1:0"))
        #expect(listed.output.split(separator: "\n").count == 1)
    }
}
