import AsyncHTTPClient
import Foundation
import Testing
import TicketGateCore
import TicketGateServer

@testable import TicketGateStorePostgres

#if canImport(Glibc)
    import Glibc
#endif

/// Several `ticketgate serve` processes on one PostgreSQL database with the strict fake SPP, counted at the
/// vendor: a killed instance's deliveries finish elsewhere exactly once, one provider event posted to two
/// instances makes one ticket, a rate limit holds across instances, a refused credential pauses every
/// instance and a resume at any one resumes all, and five instances starting at once migrate once.
@Suite(.enabled(if: PostgresServer.isAvailable, PostgresServer.skipReason), .serialized)
struct MultiInstanceTests {
    static func form(_ index: Int, customers: Int = 3) -> String {
        #"{"from":"customer\#(index % customers)@example.com","topic":"Question \#(index)","body":"Message number \#(index)."}"#
    }

    /// Waits until SPP holds `count` distinct messages.
    static func waitForMessages(_ count: Int, at spp: FakeSPP, within limit: Duration = .seconds(60)) async throws {
        try await withTimeout(limit) {
            if Set(spp.messages.map(\.message)).count >= count { return }
            for await _ in spp.handled where Set(spp.messages.map(\.message)).count >= count { return }
        }
    }

    /// Waits until the store holds every event in `ids` as delivered: checked now, and again after each delivery
    /// attempt `instance` logs (it writes that line once the attempt's outcome is stored).
    static func waitUntilDelivered(
        _ ids: [String], in cluster: GatewayCluster, loggedBy instance: GatewayProcess, within limit: Duration = .seconds(60)
    ) async throws {
        @Sendable func allDelivered() async throws -> Bool {
            try await cluster.withStore { store in
                for id in ids {
                    guard let report = try await store.report(for: EventID(rawValue: id)),
                        report.deliveries.allSatisfy({ $0.status == .delivered })
                    else { return false }
                }
                return true
            }
        }
        try await withTimeout(limit) {
            if try await allDelivered() { return }
            for await line in instance.lines where line.contains("delivery attempt finished") {
                if try await allDelivered() { return }
            }
            throw HarnessError("the instance ended before every event was delivered")
        }
    }

    @Test func aKilledInstancesDeliveriesAreFinishedByTheOtherExactlyOnce() async throws {
        let spp = FakeSPP(answerDelay: .milliseconds(150))
        try await spp.serve { url in
            let cluster = try await GatewayCluster(rules: TestRules.website(sppURL: url, token: spp.token))
            let (doomed, doomedPort) = try await cluster.start()
            let (survivor, survivorPort) = try await cluster.start()
            let count = 12
            var ids: [String] = []
            for index in 0..<count {
                ids.append(try await GatewayCluster.post(Self.form(index), port: index.isMultiple(of: 2) ? doomedPort : survivorPort).id)
            }
            // SPP has made some tickets and is still answering: the kill lands while deliveries are in flight.
            try await spp.waitForTicketRequests(3)
            doomed.signal(SIGKILL)
            #expect(try await doomed.exitStatus() == SIGKILL)

            // The survivor takes the killed instance's deliveries over when their leases end. SPP may hold a
            // message the killed instance sent but never recorded; the survivor finds it there and records it.
            try await Self.waitForMessages(count, at: spp)
            try await Self.waitUntilDelivered(ids, in: cluster, loggedBy: survivor)
            survivor.signal(SIGTERM)
            #expect(try await survivor.exitStatus() == 0)

            // At the vendor: one ticket per event, one message per ticket, one client per customer, though
            // both instances created clients for the same three customers at once.
            #expect(spp.clients.count == 3)
            #expect(spp.tickets.map(\.subject).sorted() == (0..<count).map { "Question \($0)" }.sorted())
            #expect(spp.messages.count == count)
            #expect(Set(spp.messages.map(\.ticketID)) == Set(spp.tickets.map(\.id)))
            try await cluster.withStore { store in
                for id in ids {
                    let report = try #require(try await store.report(for: EventID(rawValue: id)))
                    #expect(report.deliveries.map(\.status) == [.delivered], "\(id)")
                }
            }
        }
    }

    /// Two messages of a conversation the gateway has not seen, posted to two instances at the same moment (a chat
    /// relay sending the customer's first two lines at once): one ticket per conversation, and the other message
    /// on it.
    @Test func twoMessagesOfANewConversationAtTwoInstancesMakeOneTicket() async throws {
        let spp = FakeSPP()
        try await spp.serve { url in
            let rules = """
                sources:
                  chat:
                    kind: chat
                    format: generic
                    verify: { scheme: hmac-sha256, header: X-Signature, encoding: hex, prefix: "sha256=", secrets: ["${WEBSITE_SECRET}"] }
                destinations:
                  spp: { vendor: spp, url: "\(url)", token: "\(spp.token)" }
                defaults:
                  destination: spp
                rules: []
                """
            let cluster = try await GatewayCluster(rules: rules)
            let (first, firstPort) = try await cluster.start()
            let (second, secondPort) = try await cluster.start()
            let conversations = 12
            func message(_ conversation: Int, _ line: Int) -> String {
                #"{"id":"evt-\#(conversation)-\#(line)","conversation_id":"conv-\#(conversation)","subject":"Chat \#(conversation)","participants":[{"id":"u","role":"customer","name":"Jane","email":"jane\#(conversation)@example.com"}],"turns":[{"participant":"u","text":"Line \#(line) of chat \#(conversation)"}]}"#
            }
            try await withThrowingTaskGroup(of: Int.self) { group in
                for conversation in 0..<conversations {
                    for (line, port) in [(1, firstPort), (2, secondPort)] {
                        group.addTask {
                            let body = message(conversation, line)
                            return try await GatewayProcess.send(
                                body, to: "chat", port: port, headers: ["X-Signature": Signing.header(body, secret: GatewayHarness.secret)]
                            ).status
                        }
                    }
                }
                for try await status in group { #expect(status == 202) }
            }
            try await Self.waitForMessages(2 * conversations, at: spp)
            for process in [first, second] { process.signal(SIGTERM) }
            #expect(try await first.exitStatus() == 0)
            #expect(try await second.exitStatus() == 0)
            #expect(spp.tickets.count == conversations, "tickets: \(spp.tickets.map(\.subject).sorted())")
            #expect(spp.messages.count == 2 * conversations)
            // Both lines of each chat are on its one ticket.
            for ticket in spp.tickets {
                #expect(spp.messages.filter { $0.ticketID == ticket.id }.count == 2, "\(ticket.subject)")
            }
        }
    }

    @Test func theSameProviderEventPostedToBothInstancesAtOnceMakesOneTicket() async throws {
        let spp = FakeSPP()
        try await spp.serve { url in
            let cluster = try await GatewayCluster(rules: TestRules.website(sppURL: url, token: spp.token))
            let (first, firstPort) = try await cluster.start()
            let (second, secondPort) = try await cluster.start()
            // The same body and signature: the provider retrying at another instance before the first answered.
            let body = Self.form(1)
            async let atFirst = GatewayCluster.post(body, port: firstPort)
            async let atSecond = GatewayCluster.post(body, port: secondPort)
            let answers = try await [atFirst, atSecond]
            #expect(Set(answers.map(\.status)) == [200, 202], "one stored, one answered as its duplicate: \(answers)")
            #expect(answers[0].id == answers[1].id)
            // A later event, delivered after the first: anything the duplicate had queued would have gone before it.
            _ = try await GatewayCluster.post(Self.form(2), port: secondPort)
            try await Self.waitForMessages(2, at: spp)
            for process in [first, second] { process.signal(SIGTERM) }
            #expect(try await first.exitStatus() == 0)
            #expect(try await second.exitStatus() == 0)

            #expect(spp.tickets.map(\.subject).sorted() == ["Question 1", "Question 2"])
            #expect(spp.messages.count == 2)
            let counts = try await cluster.withStore { try await $0.counts() }
            #expect(counts.events == 2)
            #expect(counts.deliveries == 2)
        }
    }

    @Test func aRateLimitHoldsAcrossInstances() async throws {
        let spp = FakeSPP()
        spp.addClient(email: "customer0@example.com")
        try await spp.serve { url in
            let rules = TestRules.website(sppURL: url, token: spp.token)
                .replacingOccurrences(of: "    token: \"\(spp.token)\"", with: "    token: \"\(spp.token)\"\n    rate_limit: 4/2s")
            #expect(rules.contains("rate_limit: 4/2s"))
            let cluster = try await GatewayCluster(rules: rules)
            let (first, firstPort) = try await cluster.start()
            let (second, secondPort) = try await cluster.start()
            // A backlog at both instances: four events, three requests each (find the client, ticket, message).
            let count = 4
            for index in 0..<count {
                _ = try await GatewayCluster.post(Self.form(index, customers: 1), port: index.isMultiple(of: 2) ? firstPort : secondPort)
            }
            try await Self.waitForMessages(count, at: spp)
            for process in [first, second] { process.signal(SIGTERM) }
            #expect(try await first.exitStatus() == 0)
            #expect(try await second.exitStatus() == 0)

            let times = spp.requests.map(\.receivedAt).sorted()
            #expect(times.count == 3 * count)
            // The instances take turns from one schedule, 2.04 s per four requests (the store tests hold the slots
            // to the interval exactly). At the vendor, a request arrives after a trip of varying length through two
            // busy processes; the check leaves that trip a quarter of a second. Each instance pacing on its own
            // would let eight requests through in two seconds, the fifth after any request within about one.
            let trip = Duration.milliseconds(250)
            for index in times.indices.dropLast(4) {
                let span = times[index + 4] - times[index]
                #expect(span >= .seconds(2) - trip, "requests \(index)…\(index + 4) arrived within \(span)")
            }
            // None was refused or retried: one attempt each.
            try await cluster.withStore { store in
                let page = try await store.listEvents(EventQuery(limit: 10))
                for row in page.events {
                    let report = try #require(try await store.report(for: row.id))
                    #expect(report.deliveries.map(\.status) == [.delivered])
                    #expect(report.deliveries.map(\.attempts) == [1])
                }
            }
        }
    }

    @Test func aRefusedCredentialAtOneInstancePausesBothAndAResumeAtTheOtherResumesThem() async throws {
        let spp = FakeSPP(token: "revoked-token")
        try await spp.serve { url in
            let cluster = try await GatewayCluster(rules: TestRules.website(sppURL: url, token: "rotated-token"))
            let (first, firstPort) = try await cluster.start()
            let (second, secondPort) = try await cluster.start()
            _ = try await GatewayCluster.post(Self.form(1), port: firstPort)
            // The other instance reports the pause the first one met.
            let paused = try await withTimeout {
                while true {
                    let list = try await GatewayCluster.admin(.GET, "/admin/destinations", port: secondPort, as: DestinationList.self)
                    if let pause = list.destinations.first(where: { $0.name == "spp" })?.paused { return pause }
                    await Task.yield()
                }
            }
            #expect(paused.reason == "credential_refused")
            // An event at the second instance waits too: SPP sees nothing more than the first refused request.
            _ = try await GatewayCluster.post(Self.form(2), port: secondPort)
            #expect(spp.requests.count == 1)

            spp.accept(token: "rotated-token")
            let resumed = try await GatewayCluster.admin(.POST, "/admin/destinations/spp/resume", port: secondPort, as: DestinationList.self)
            #expect(resumed.destinations.first { $0.name == "spp" }?.paused == nil)
            try await Self.waitForMessages(2, at: spp)
            let atFirst = try await GatewayCluster.admin(.GET, "/admin/destinations", port: firstPort, as: DestinationList.self)
            #expect(atFirst.destinations.first { $0.name == "spp" }?.paused == nil, "resumed at the first instance too")
            for process in [first, second] { process.signal(SIGTERM) }
            #expect(try await first.exitStatus() == 0)
            #expect(try await second.exitStatus() == 0)
            #expect(spp.tickets.count == 2)
            #expect(spp.messages.count == 2)
        }
    }

    @Test func fiveInstancesStartingAtOnceMigrateOnceAndSeeEachOther() async throws {
        let cluster = try await GatewayCluster(rules: TestRules.website(sppURL: "http://127.0.0.1:9", token: nil))
        let started = try await withThrowingTaskGroup(of: (GatewayProcess, Int).self) { group in
            for _ in 0..<5 {
                group.addTask { try await cluster.start() }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(started.count == 5)
        let identifiers = try await PostgresServer.withClient(cluster.database) { client in
            var identifiers: [String] = []
            for try await identifier in try await client.query("SELECT identifier FROM ticketgate_migration").decode(String.self) {
                identifiers.append(identifier)
            }
            return identifiers
        }
        #expect(identifiers.sorted() == PostgresSchema.migrations.map(\.identifier).sorted(), "each migration applied once: \(identifiers)")

        // Any instance lists all five, alive, itself marked as the one answering.
        let list = try await GatewayCluster.admin(.GET, "/admin/instances", port: started[2].1, as: InstanceList.self)
        #expect(list.instances.count == 5)
        #expect(list.instances.filter { $0.alive }.count == 5)
        #expect(list.instances.filter { $0.answering }.count == 1)
        for (process, _) in started { process.signal(SIGTERM) }
        for (process, _) in started {
            let status = try await process.exitStatus()
            #expect(status == 0)
        }
    }
}
