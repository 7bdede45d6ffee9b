import Dispatch
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing
import TicketGateCore
import TicketGateRules

@testable import TicketGateServer

/// The request path's order: a duplicate is answered before a rotation the rules pick from takes a turn (it
/// would advance for nothing), and the rules decide on threads of their own, so `/healthz` and `/readyz` are
/// answered while every decision waits.
@Suite struct IngestOrderTests {
    static let secret = "whsec_" + Data("ingest-order-key".utf8).base64EncodedString()

    static let rules = """
        sources:
          hooks:
            kind: form
            format: generic
            verify: { scheme: standard-webhooks, secrets: ["\(secret)"] }
        destinations:
          spp: { vendor: spp, url: "https://spp.example", token: "" }
        defaults:
          destination: spp
        rules:
          - name: everyone
            when: { source: hooks }
            set: { assignee: [4, 7] }
        """

    /// Posts event `id` on a connection of its own; returns the status.
    static func post(_ id: String, port: Int) async throws -> UInt {
        let body = #"{"email":"jane@example.com","message":"Hello"}"#
        return try await ServeProcessTests.send(
            .POST, "/hooks/hooks", port: port, body: body, headers: Signers.standardWebhooks(body: body, secret: secret, id: id, at: Date()))
    }

    static func post(_ id: String, _ client: any TestClientProtocol) async throws -> TestResponse {
        let body = #"{"email":"jane@example.com","message":"Hello"}"#
        return try await client.postHook(
            "hooks", body: body, signature: .some(nil), headers: Signers.standardWebhooks(body: body, secret: secret, id: id, at: Date()))
    }

    @Test func aDuplicateTakesNoTurnOfARotation() async throws {
        let gateway = try GatewayHarness(rules: Self.rules)
        let (first, second) = try await gateway.run { client in
            let first = try #require(try await Self.post("msg_1", client).eventID)
            let again = try await Self.post("msg_1", client)
            #expect(again.status == .ok)
            #expect(again.eventID == first)
            let second = try #require(try await Self.post("msg_2", client).eventID)
            return (first, second)
        }
        #expect(try await gateway.report(first).decision.draft?.assignee == 4)
        #expect(try await gateway.report(second).decision.draft?.assignee == 7, "the duplicate took a turn of the rotation")
    }

    @Test func healthAndReadinessAnswerWhileEveryDecisionWaits() async throws {
        let decisions = HeldDecisions()
        let runtime = GatewayRuntime(
            metrics: GatewayMetrics(), adminFailures: ClientRateLimiter(),
            ruleEvaluation: RuleEvaluation(evaluate: { ruleSet, event in
                decisions.hold()
                return ruleSet.decide(event)
            }))
        let gateway = try GatewayHarness(rules: Self.rules, runtime: runtime)
        try await gateway.run { client in
            // More events than the machine has cores wait for their decisions.
            let count = ProcessInfo.processInfo.activeProcessorCount + 2
            try await withThrowingTaskGroup(of: UInt.self) { group in
                let port = try #require(client.port)
                for index in 0..<count {
                    group.addTask { try await Self.post("msg_\(index)", port: port) }
                }
                _ = try await decisions.started.first(within: .seconds(30)) { _ in true }
                // Each on a connection of its own: the test client sends one request at a time on one connection.
                #expect(try await ServeProcessTests.send(.GET, "/healthz", port: port) == 200)
                #expect(try await ServeProcessTests.send(.GET, "/readyz", port: port) == 200)
                decisions.releaseAll()
                for try await status in group {
                    #expect(status == 202)
                }
                #expect(!decisions.waitedTooLong, "the health checks waited for the decisions")
            }
        }
    }
}

/// Decisions held on their thread until the test lets them all go, or for 20 s at most: should they hold the
/// threads that answer requests, the test fails (`waitedTooLong`) instead of hanging.
private final class HeldDecisions: Sendable {
    private let released = Mutex(false)
    private let expired = Mutex(false)
    private let gate = DispatchSemaphore(value: 0)
    /// Yields each time a decision starts to wait.
    let started: AsyncStream<Void>
    private let starting: AsyncStream<Void>.Continuation

    init() {
        (started, starting) = AsyncStream.makeStream(of: Void.self)
    }

    /// Blocks the calling thread until `releaseAll`, unless it came already.
    func hold() {
        guard !released.withLock({ $0 }) else { return }
        starting.yield()
        if gate.wait(timeout: .now() + .seconds(20)) == .timedOut {
            expired.withLock { $0 = true }
            return
        }
        gate.signal()
    }

    /// Whether a decision stopped waiting by itself, before the test let it go.
    var waitedTooLong: Bool { expired.withLock { $0 } }

    func releaseAll() {
        released.withLock { $0 = true }
        gate.signal()
    }
}
