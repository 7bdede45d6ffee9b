import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
import TicketGateCore
import TicketGateStorePostgres

#if canImport(Glibc)
    import Glibc
#endif

/// `ticketgate serve` on a PostgreSQL server of the test's own, which the test stops (at once, as a crash or a
/// failover does) and starts again while signed events keep coming: every request is answered within 5 s (503
/// with `Retry-After` while the database is away), the gateway takes events again within 5 s of the database's
/// return without a restart, and in the end every event is stored once and reaches the vendor once. A SIGTERM
/// while the database is away still ends the process; at start, a database that does not answer or refuses the
/// password is tried again for the configured wait, then `serve` exits non-zero saying why.
@Suite(.enabled(if: PostgresServer.isAvailable, PostgresServer.skipReason))
struct DatabaseOutageTests {
    static let secret = "whsec_" + Data("database-outage-test-key".utf8).base64EncodedString()
    static let sppToken = "outage-spp-token"

    static func rules(sppURL: String) -> String {
        """
        sources:
          hooks:
            kind: form
            format: generic
            verify: { scheme: standard-webhooks, secrets: ["${HOOK_SECRET}"] }
        destinations:
          spp: { vendor: spp, url: "\(sppURL)", token: "${SPP_TOKEN}" }
        defaults:
          destination: spp
        rules: []
        """
    }

    /// `serve` on `database` with the rules above and a short lease, so an attempt the outage cut off is taken
    /// up again soon.
    static func start(
        _ directory: TemporaryDirectory, database: PostgresLocation, sppURL: String, environment: [String: String] = [:]
    ) throws -> GatewayProcess {
        let rules = try directory.write("rules/rules.yml", Self.rules(sppURL: sppURL))
        return try GatewayProcess(
            arguments: ["serve", "--rules", (rules as NSString).deletingLastPathComponent, "--database", database.url, "--port", "0"],
            environment: ["HOOK_SECRET": secret, "SPP_TOKEN": sppToken, "TICKETGATE_DELIVERY_LEASE": "3"].merging(environment) { _, new in new }
        )
    }

    /// What the gateway answered one post.
    struct Answer: Sendable {
        let status: UInt
        let retryAfter: String?
    }

    /// Posts event `n` (webhook id `msg_<n>`, so a repeat is a duplicate), waiting at most 5 s for the answer.
    static func post(_ n: Int, port: Int) async throws -> Answer {
        let body = #"{"email":"customer\#(n)@example.com","subject":"Order \#(n)","message":"Where is order \#(n)?"}"#
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/hooks/hooks")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        for (name, value) in Signers.standardWebhooks(body: body, secret: secret, id: "msg_\(n)", at: Date()) {
            request.headers.add(name: name, value: value)
        }
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        _ = try await response.body.collect(upTo: 1 << 16)
        return Answer(status: response.status.code, retryAfter: response.headers.first(name: "Retry-After"))
    }

    static func status(_ path: String, port: Int) async throws -> UInt {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)"), timeout: .seconds(5))
        _ = try await response.body.collect(upTo: 1 << 16)
        return response.status.code
    }

    @Test func anOutageUnderLoadIsAnswered503AndHealsWithoutLosingOrRepeatingAnEvent() async throws {
        let server = try await PostgresServer.startPrivate()
        let database = try await server.makeDatabase()
        let spp = FakeSPP(token: Self.sppToken)
        let events = 48
        try await spp.serve { url in
            let directory = try TemporaryDirectory()
            let gateway = try Self.start(directory, database: database, sppURL: url)
            let port = try await gateway.listeningPort()
            let (accepted, acceptances) = AsyncStream.makeStream(of: Int.self)
            let refusals = Recorded<Answer>()
            // Four senders, each retrying an event until it is taken, as a provider does.
            let load = Task {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for sender in 0..<4 {
                        group.addTask {
                            for n in stride(from: sender, to: events, by: 4) {
                                while true {
                                    let answer = try await Self.post(n, port: port)
                                    if (200..<300).contains(answer.status) { break }
                                    refusals.append(answer)
                                    try await Task.sleep(for: .milliseconds(50))
                                }
                                acceptances.yield(n)
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                acceptances.finish()
            }
            var taken = 0
            for await _ in accepted {
                taken += 1
                if taken == 12 { break }
            }
            try await server.stop()
            // Within 5 s of the stop (each request's own limit), webhooks and readiness say the store is away.
            var refused = try await Self.post(1_000, port: port)
            while refused.status != 503 { refused = try await Self.post(1_000, port: port) }
            #expect(refused.retryAfter != nil)
            #expect(try await Self.status("/readyz", port: port) == 503)
            #expect(try await Self.status("/healthz", port: port) == 200)

            try await server.restart()
            try await withTimeout(.seconds(5)) {
                while try await Self.post(1_001, port: port).status != 202 {}
            }
            try await load.value
            #expect(!refusals.values.isEmpty, "the load met the outage")
            #expect(refusals.values.allSatisfy { $0.status == 503 && $0.retryAfter != nil }, "\(refusals.values.map(\.status))")
            _ = try await Self.post(1_000, port: port)

            // Every event is stored once and reaches SPP once, the outage's cut-off attempts included.
            try await withTimeout(.seconds(60)) {
                if Set(spp.tickets.map(\.subject)).count >= events + 2 { return }
                for await _ in spp.handled where Set(spp.tickets.map(\.subject)).count >= events + 2 { return }
            }
            let store = try await PostgresEventStore(location: database, maximumConnections: 2, logger: .init(label: "outage-test"))
            let counts = try await store.whileRunning { try await store.counts() }
            #expect(counts.events == events + 2)
            #expect(counts.deliveries == events + 2)
            #expect(spp.tickets.count == events + 2, "no ticket twice: \(spp.tickets.map(\.subject).sorted())")
            gateway.signal(SIGTERM)
            #expect(try await gateway.exitStatus() == 0)
        }
    }

    @Test func sigtermWhileTheDatabaseIsAwayEndsTheProcess() async throws {
        let server = try await PostgresServer.startPrivate()
        let database = try await server.makeDatabase()
        let spp = FakeSPP(token: Self.sppToken)
        try await spp.serve { url in
            let directory = try TemporaryDirectory()
            let gateway = try Self.start(directory, database: database, sppURL: url, environment: ["TICKETGATE_SHUTDOWN_GRACE": "2"])
            let port = try await gateway.listeningPort()
            #expect(try await Self.post(1, port: port).status == 202)
            try await server.stop()
            var answer = try await Self.post(2, port: port)
            while answer.status != 503 { answer = try await Self.post(2, port: port) }
            gateway.signal(SIGTERM)
            #expect(try await gateway.exitStatus() == 0, "\(gateway.written.values.suffix(8).joined(separator: "\n"))")
        }
    }

    @Test func aDatabaseAwayAtStartIsTriedForTheWaitThenServeExitsSayingWhy() async throws {
        let server = try await PostgresServer.startPrivate()
        let database = try await server.makeDatabase()
        try await server.stop()
        let directory = try TemporaryDirectory()
        let gateway = try Self.start(directory, database: database, sppURL: "https://spp.example", environment: ["TICKETGATE_DATABASE_WAIT": "3"])
        #expect(try await gateway.exitStatus() == 1)
        let lines = gateway.written.values
        #expect(lines.contains { $0.contains("cannot reach the database; trying again") })
        let cause = try #require(lines.last)
        #expect(cause.hasPrefix("ticketgate: cannot start: the database postgres://ticketgate@127.0.0.1:\(server.port)/"), "\(cause)")
        #expect(cause.contains("did not answer within 3.0 seconds: cannot connect: 127.0.0.1:\(server.port): connection refused"), "\(cause)")
    }

    @Test func aDatabaseBackWithinTheWaitLetsServeStart() async throws {
        let server = try await PostgresServer.startPrivate()
        let database = try await server.makeDatabase()
        try await server.stop()
        let directory = try TemporaryDirectory()
        let gateway = try Self.start(directory, database: database, sppURL: "https://spp.example", environment: ["TICKETGATE_DATABASE_WAIT": "60"])
        _ = try await gateway.lines.first(within: .seconds(30)) { $0.contains("cannot reach the database; trying again") }
        try await server.restart()
        let port = try await gateway.listeningPort()
        #expect(try await Self.post(1, port: port).status == 202)
        gateway.signal(SIGTERM)
        #expect(try await gateway.exitStatus() == 0)
    }

    @Test func aRefusedPasswordIsTriedForTheWaitThenServeExitsWithoutPrintingIt() async throws {
        let server = try await PostgresServer.startPrivate(password: "the-right-password")
        var database = try await server.makeDatabase()
        database = PostgresLocation(
            host: database.host, port: database.port, username: database.username, password: StartupFailureTests.canary,
            database: database.database, tls: .disable)
        let directory = try TemporaryDirectory()
        let gateway = try Self.start(directory, database: database, sppURL: "https://spp.example", environment: ["TICKETGATE_DATABASE_WAIT": "2"])
        #expect(try await gateway.exitStatus() == 1)
        let output = gateway.written.values.joined(separator: "\n")
        #expect(output.contains("password authentication failed for user \"ticketgate\""), "\(output)")
        #expect(!output.contains(StartupFailureTests.canary))
    }
}
