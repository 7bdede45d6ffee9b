import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TicketGateCore
import TicketGateStore

@testable import TicketGateServer

/// A gateway on its own rules directory and SQLite file, served on a free loopback port.
struct GatewayHarness: Sendable {
    static let secret = "test-website-secret"

    let directory: TemporaryDirectory
    let store: SQLiteEventStore
    let logs = LogRecorder()
    var configuration: GatewayConfiguration
    /// The delivery worker's clock: the real time, moved on by the test when it wants retries to fall due.
    let clock = OffsetClock()
    /// The metrics registry and readiness of the gateway this harness runs.
    let runtime: GatewayRuntime

    init(
        rules: String, environment: [String: String] = [:], retry: RetryPolicy = .immediate(maxAttempts: 3), rulesPollInterval: Duration = .zero,
        probeInterval: Duration = .seconds(3600), pollInterval: Duration = .seconds(3600), adminToken: String? = nil,
        runtime: GatewayRuntime = GatewayRuntime()
    ) throws {
        self.runtime = runtime
        directory = try TemporaryDirectory()
        let rulesDirectory = (try directory.write("rules/rules.yml", rules) as NSString).deletingLastPathComponent
        let database = directory.file("ticketgate.sqlite")
        store = try SQLiteEventStore(path: database, serving: true)
        // The poll interval is an hour unless a test says otherwise: every delivery and retry must be started
        // by the worker's wake-ups, not found by polling.
        configuration = GatewayConfiguration(
            host: "127.0.0.1",
            port: 0,
            rulesDirectory: rulesDirectory,
            databaseURL: "sqlite:\(database)",
            adminToken: adminToken.map(Secret.init),
            environment: environment,
            delivery: DeliveryConfiguration(
                concurrency: 4, lease: .seconds(60), pollInterval: pollInterval, retry: retry, vendorTimeout: .seconds(10),
                probeInterval: probeInterval),
            // A test's client may open its connection well before its first request.
            http: HTTPLimits(headerTimeout: .seconds(120), bodyTimeout: .seconds(120), idleTimeout: .seconds(120))
        )
    }

    /// Runs the gateway for the duration of `test`.
    func run<T: Sendable>(_ test: @escaping @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        let app = try await buildApplication(
            configuration, store: store, coordination: LocalCoordination(clock: clock.timeline), logger: logs.logger, runtime: runtime,
            now: { [clock] in clock.now })
        return try await app.test(.live) { client in try await test(client) }
    }

    /// Posts one form (signed for the sample `website` source) while the gateway runs, and waits, still running,
    /// until its deliveries end.
    func deliverAll(_ body: String) async throws -> (EventID, [DeliverySummary]) {
        try await run { client in
            let response = try await client.postHook(body: body)
            guard response.status == .accepted, let id = response.eventID else {
                throw HarnessError("the gateway answered \(response.status): \(String(buffer: response.body))")
            }
            return (id, try await finalDeliveries(of: id))
        }
    }

    /// `deliverAll` for an event with exactly one delivery.
    func deliver(_ body: String) async throws -> (EventID, DeliverySummary) {
        let (id, deliveries) = try await deliverAll(body)
        guard deliveries.count == 1 else { throw HarnessError("expected one delivery, found \(deliveries.count)") }
        return (id, deliveries[0])
    }

    /// Waits until a delivery of the event is in the state `predicate` describes, and returns it.
    func delivery(of id: EventID, where predicate: @escaping @Sendable (DeliverySummary) -> Bool) async throws -> DeliverySummary {
        try await withTimeout { [store] in
            for try await deliveries in store.deliveryUpdates(for: id) {
                if let match = deliveries.first(where: predicate) { return match }
            }
            throw HarnessError("the observation of event \(id) ended")
        }
    }

    /// Waits until every delivery of the event has finished, and returns them.
    func finalDeliveries(of id: EventID) async throws -> [DeliverySummary] {
        try await withTimeout { [store] in
            for try await deliveries in store.deliveryUpdates(for: id) where !deliveries.isEmpty && deliveries.allSatisfy(\.status.isFinal) {
                return deliveries
            }
            throw HarnessError("the observation of event \(id) ended")
        }
    }

    func report(_ id: EventID) async throws -> EventReport {
        guard let report = try await store.report(for: id) else { throw HarnessError("no event \(id)") }
        return report
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Sample rules for the tests: a signed generic form source and one SPP destination.
enum TestRules {
    static func website(sppURL: String, token: String?) -> String {
        """
        sources:
          website:
            kind: form
            format: generic
            verify:
              scheme: hmac-sha256
              header: X-Signature
              encoding: hex
              prefix: "sha256="
              secrets: ["${WEBSITE_SECRET}"]
            fields: { email: from, name: full_name, subject: topic, message: body }

        destinations:
          spp:
            vendor: spp
            url: "\(sppURL)"
            token: "\(token ?? "")"

        defaults:
          destination: spp
          tags: [inbound]

        rules:
          - name: spam
            when: { body: { contains: [casino] } }
            drop: spam keywords
          - name: billing
            when: { subject: { contains: [invoice, refund] } }
            set: { tags: [billing], assignee: 17, note: "Billing queue" }
            continue: true
          - name: enterprise
            when: { fields.plan: enterprise }
            set: { tags: [vip], assignee: 4, staff_only: true, metadata: [enterprise] }
        """
    }

    static let environment = ["WEBSITE_SECRET": GatewayHarness.secret]
}

extension TestClientProtocol {
    /// Posts `body` to `/hooks/<source>`, signed with the harness secret unless `signature` says otherwise.
    func postHook(
        _ source: String = "website",
        body: String,
        contentType: String = "application/json",
        signature: String?? = .none,
        headers extra: [String: String] = [:]
    ) async throws -> TestResponse {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        for (name, value) in extra {
            headers[HTTPField.Name(name)!] = value
        }
        let value = signature ?? Signing.header(body, secret: GatewayHarness.secret)
        if let value {
            headers[HTTPField.Name("X-Signature")!] = value
        }
        return try await execute(uri: "/hooks/\(source)", method: .post, headers: headers, body: ByteBuffer(string: body))
    }
}

extension TestClientProtocol {
    /// Posts `body` to `uri` with exactly the given headers.
    func post(_ uri: String, body: String, contentType: String, headers extra: [String: String] = [:]) async throws -> TestResponse {
        try await post(uri, bytes: Array(body.utf8), contentType: contentType, headers: extra)
    }

    /// Posts raw bytes, which need not be UTF-8.
    func post(_ uri: String, bytes: [UInt8], contentType: String, headers extra: [String: String] = [:]) async throws -> TestResponse {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        for (name, value) in extra {
            headers[HTTPField.Name(name)!] = value
        }
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(bytes: bytes))
    }
}

extension TestResponse {
    /// The body as a JSON value.
    var json: JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(body.readableBytesView))
    }

    /// The event id of a `202` answer.
    var eventID: EventID? {
        json?["id"]?.scalarText.map(EventID.init(rawValue:))
    }
}
