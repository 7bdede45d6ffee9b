import Foundation
import Hummingbird
import Logging
import TicketGateCore
import TicketGateServer
import TicketGateStore

/// `.build/release/delivery-bench [EVENTS]`, built with `swift build -c release --static-swift-stdlib`: how
/// fast the outbox drains to a local SPP-shaped server with no rate limit. Fills a fresh SQLite outbox with
/// EVENTS accepted events, starts the gateway on it (the delivery worker with its default concurrency), and
/// times until every delivery is delivered. Each delivery is SPP's three calls (find the client, open the
/// ticket, post the message) and the gateway's own writes between them (markers, ids, audit), as in
/// production.
@main
struct DeliveryBenchmark {
    static func main() async throws {
        let events = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 5_000 : 5_000
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("delivery-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("ticketgate.sqlite").path

        try await fill(database, events: events)
        let vendor = BenchVendor()
        var logger = Logger(label: "delivery-bench")
        logger.logLevel = .warning
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
            try Self.rules(port: port).write(to: rules.appendingPathComponent("rules.yml"), atomically: true, encoding: .utf8)
            let configuration = GatewayConfiguration(
                port: 0, rulesDirectory: rules.path, databaseURL: "sqlite:\(database)", environment: [:], rulesPollInterval: .zero)
            let started = ContinuousClock.now
            let gateway = try await buildApplication(configuration, logger: logger)
            group.addTask { try await gateway.runService() }

            let reader = try SQLiteEventStore(path: database, serving: false)
            while try await reader.deliveryCounts()["spp"]?[.delivered] ?? 0 < events {
                try await Task.sleep(for: .milliseconds(20))
            }
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print("delivered \(events) events (\(vendor.requests) vendor requests) in \(String(format: "%.2f", seconds)) s")
            print("\(String(format: "%.0f", Double(events) / seconds)) deliveries/s")
            group.cancelAll()
        }
    }

    static func rules(port: Int) -> String {
        """
        sources:
          website: { kind: form, verify: { scheme: none } }
        destinations:
          spp: { vendor: spp, url: "http://127.0.0.1:\(port)", token: "bench-token" }
        defaults:
          destination: spp
        rules: []
        """
    }

    /// Accepts `events` contact forms into a fresh store, as ingest would have.
    static func fill(_ database: String, events: Int) async throws {
        let store = try SQLiteEventStore(path: database, serving: false)
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
