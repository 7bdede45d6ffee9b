import Foundation
import Hummingbird
import Logging
import TicketGateCore
import TicketGateServer
import TicketGateStore
import TicketGateStorePostgres

/// `.build/release/delivery-bench [EVENTS] [DATABASE_URL] [INSTANCES] [live|dry]`, built with
/// `swift build -c release --static-swift-stdlib`: how fast the outbox drains to a local SPP-shaped server with
/// no rate limit. Fills a fresh outbox (SQLite, or the PostgreSQL database named) with
/// EVENTS accepted events, starts the gateway on it (the delivery worker with its default concurrency), and
/// times until every delivery is delivered. Each delivery is SPP's three calls (find the client, open the
/// ticket, post the message) and the gateway's own writes between them (markers, ids, audit), as in
/// production.
@main
struct DeliveryBenchmark {
    /// `delivery-bench [EVENTS] [DATABASE_URL] [INSTANCES] [live|dry]`: EVENTS stored (default 5000) in the
    /// database (default a new SQLite file; a `postgres://` URL names an empty PostgreSQL database), drained by
    /// INSTANCES gateways (default 1; several only on PostgreSQL), each with its own store connection pool and
    /// worker, in this process; `dry` makes the destination a dry run, so each delivery is a claim and an
    /// outcome with no vendor call.
    static func main() async throws {
        let arguments = CommandLine.arguments
        let events = arguments.count > 1 ? max(1, Int(arguments[1]) ?? 5_000) : 5_000
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("delivery-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let databaseURL = arguments.count > 2 ? arguments[2] : "sqlite:" + directory.appendingPathComponent("ticketgate.sqlite").path
        let instances = arguments.count > 3 ? max(1, Int(arguments[3]) ?? 1) : 1
        let dryRun = arguments.count > 4 && arguments[4] == "dry"

        var logger = Logger(label: "delivery-bench")
        logger.logLevel = .warning
        let reader = try await Self.open(databaseURL, logger: logger)
        try await reader.whileRunning {
            try await run(
                reader: reader, databaseURL: databaseURL, directory: directory, events: events, instances: instances, dryRun: dryRun, logger: logger)
        }
    }

    /// Fills the store `reader` reads (at `databaseURL`), then delivers what it holds with `instances` gateways
    /// whose rules are written in `directory`, and says how fast.
    static func run(
        reader: any OperatorStore, databaseURL: String, directory: URL, events: Int, instances: Int, dryRun: Bool, logger: Logger
    ) async throws {
        try await fill(reader, events: events)
        let vendor = BenchVendor()
        try await withThrowingTaskGroup(of: Void.self) { group in
            let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
            let app = Application(
                router: vendor.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
            group.addTask { try await app.runService() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { return }

            let rules = directory.appendingPathComponent("rules")
            try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
            try Self.rules(port: port, dryRun: dryRun).write(to: rules.appendingPathComponent("rules.yml"), atomically: true, encoding: .utf8)
            let configuration = GatewayConfiguration(
                port: 0, rulesDirectory: rules.path, databaseURL: databaseURL, environment: [:], rulesPollInterval: .zero)
            let started = ContinuousClock.now
            for _ in 0..<instances {
                let opened = try await openStore(for: configuration, logger: logger)
                group.addTask {
                    try await opened.store.whileRunning {
                        try await buildApplication(configuration, store: opened.store, coordination: opened.coordination, logger: logger).runService()
                    }
                }
            }
            // Polled through the pending rows' index (a count of every row would take a share of the database's
            // time from the gateways it measures); the outcomes are counted once at the end.
            let everyRetry = Date().addingTimeInterval(365 * 86_400)
            while try await reader.outboxBacklog(now: everyRetry).due > 0 {
                try await Task.sleep(for: .milliseconds(20))
            }
            let elapsed = ContinuousClock.now - started
            let done: DeliveryStatus = dryRun ? .dryRun : .delivered
            let counts = try await reader.deliveryCounts(statuses: nil)["spp"] ?? [:]
            guard counts[done] == events else {
                print("not every delivery ended \(done.rawValue): \(counts)")
                throw CancellationError()
            }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let what =
                dryRun ? "claimed and recorded \(events) dry-run deliveries" : "delivered \(events) events (\(vendor.requests) vendor requests)"
            print("\(what) with \(instances) instance(s) in \(String(format: "%.2f", seconds)) s")
            print("\(String(format: "%.0f", Double(events) / seconds)) deliveries/s")
            group.cancelAll()
        }
    }

    static func open(_ databaseURL: String, logger: Logger) async throws -> any OperatorStore {
        if databaseURL.hasPrefix("sqlite:") {
            return try SQLiteEventStore(path: String(databaseURL.dropFirst("sqlite:".count)), serving: false)
        }
        return try await PostgresEventStore(location: PostgresLocation(url: databaseURL), maximumConnections: 4, logger: logger)
    }

    static func rules(port: Int, dryRun: Bool) -> String {
        """
        sources:
          website: { kind: form, verify: { scheme: none } }
        destinations:
          spp: { vendor: spp, url: "http://127.0.0.1:\(port)", token: "\(dryRun ? "" : "bench-token")" }
        defaults:
          destination: spp
        rules: []
        """
    }

    /// Accepts `events` contact forms into a fresh store, as ingest would have.
    static func fill(_ store: any OperatorStore, events: Int) async throws {
        let now = Date()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<events {
                group.addTask {
                    let sender = Party(email: "customer\(index % 500)@example.com", name: "Customer \(index % 500)")
                    let event = InboundEvent(
                        id: EventID(rawValue: "bench-\(index)"), source: "website", kind: .form, format: "generic", receivedAt: now, sender: sender,
                        subject: "Question \(index)", text: "Hello, I have a question about my order number \(index).")
                    let draft = TicketDraft(destination: "spp", requester: sender, subject: "Question \(index)", message: event.text ?? "")
                    _ = try await store.accept(
                        AcceptedEvent(
                            event: event, rawBody: Data("{}".utf8), contentType: "application/json",
                            decision: Decision(trace: [], outcome: .deliver(draft)),
                            audit: []))
                }
                if index % 256 == 255 { try await group.waitForAll() }
            }
        }
    }
}
