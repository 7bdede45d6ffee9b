import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
import TicketGateCore
import TicketGateStore

#if canImport(Glibc)
    import Glibc
#endif

/// `ticketgate serve` as an operator runs it: JSON logs a log shipper can read, and a SIGTERM that drains.
@Suite struct ServeProcessTests {
    static let sppToken = "spp-token-never-logged"
    static let adminToken = "admin-token-never-logged"

    static func start(_ directory: TemporaryDirectory, sppURL: String, extra: [String] = [], environment: [String: String] = [:]) throws
        -> (GatewayProcess, database: String)
    {
        let rules = try directory.write("rules/rules.yml", TestRules.website(sppURL: sppURL, token: "${SPP_TOKEN}"))
        let database = directory.file("ticketgate.sqlite")
        let arguments =
            ["serve", "--rules", (rules as NSString).deletingLastPathComponent, "--database", "sqlite:\(database)", "--port", "0"] + extra
        let secrets = TestRules.environment.merging(["SPP_TOKEN": sppToken, "TICKETGATE_ADMIN_TOKEN": adminToken]) { _, new in new }
        return (try GatewayProcess(arguments: arguments, environment: secrets.merging(environment) { _, new in new }), database)
    }

    @Test(.enabled(if: PythonModules.prometheus.isAvailable, PythonModules.prometheus.skipReason))
    func jsonLogsParseLineByLineAndHoldNoSecret() async throws {
        let spp = FakeSPP(token: Self.sppToken)
        try await spp.serve { url in
            let directory = try TemporaryDirectory()
            let (gateway, _) = try Self.start(directory, sppURL: url, extra: ["--log-format", "json", "--log-level", "trace"])
            let port = try await gateway.listeningPort()
            let body = #"{"from":"jane@example.com","topic":"Private subject","body":"BODY-MARKER my card is 4111"}"#
            let signature = Signing.header(body, secret: GatewayHarness.secret)
            _ = try await GatewayProcess.post(body, to: "website", port: port, headers: ["X-Signature": signature])
            try await withTimeout {
                for await _ in spp.handled where !spp.messages.isEmpty { return }
            }
            let forged = #"{"from":"eve@example.com","topic":"Forged","body":"FORGED-MARKER"}"#
            let refused = try await Self.send(
                .POST, "/hooks/website", port: port, body: forged, headers: ["X-Signature": "sha256=" + String(repeating: "ab", count: 32)])
            #expect(refused == 401)
            let listed = try await Self.send(.GET, "/admin/events", port: port, headers: ["Authorization": "Bearer \(Self.adminToken)"])
            #expect(listed == 200)
            let wrongToken = try await Self.send(.GET, "/admin/events", port: port, headers: ["Authorization": "Bearer wrong-admin-token"])
            #expect(wrongToken == 401)
            // Hummingbird's HTTP series, recorded by the gateway's own middleware under the same names.
            let metrics = try await PrometheusText.parse(try await Self.text("/metrics", port: port))
            let hook = #"http_request_method="POST",http_response_status_code="202",http_route="/hooks/{source}""#
            #expect(metrics["hb_requests_total{\(hook)}"] == 1)
            #expect(metrics["http_server_request_duration_count{\(hook)}"] == 1)
            #expect(metrics[#"hb_requests_total{http_request_method="POST",http_response_status_code="401",http_route="/hooks/{source}"}"#] == 1)
            #expect(metrics[#"hb_request_errors_total{error_type="202",http_request_method="POST",http_route="/hooks/{source}"}"#] == 0)
            #expect(metrics[#"http_server_active_requests{http_request_method="POST"}"#] == 0)
            gateway.signal(SIGTERM)
            #expect(try await gateway.exitStatus() == 0)

            let lines = gateway.written.values
            let entries = try lines.map { line in
                try #require(try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a JSON object: \(line)")
            }
            #expect(entries.count > 3)
            for entry in entries {
                #expect(entry["level"] is String && entry["message"] is String && entry["time"] is String)
            }
            let accepted = try #require(entries.first { $0["message"] as? String == "event accepted" })
            #expect(accepted["hb.request.id"] is String)
            #expect(accepted["tg.event.id"] is String)
            #expect(entries.contains { $0["message"] as? String == "inbound request refused" && $0["hb.request.id"] is String })
            let log = lines.joined(separator: "\n")
            for leak in [
                GatewayHarness.secret, Self.sppToken, Self.adminToken, "wrong-admin-token", signature, "BODY-MARKER", "FORGED-MARKER",
                "Private subject", "jane@example.com",
            ] {
                #expect(!log.contains(leak), "the log holds \(leak)")
            }
        }
    }

    /// At SIGTERM the gateway says it is draining and `/readyz` turns 503 while a delivery is still at the
    /// vendor; after the drain the delivery is still let finish, and the process exits 0.
    @Test func sigtermDrainsAndLetsTheDeliveryUnderWayFinish() async throws {
        let spp = FakeSPP(token: Self.sppToken)
        try await spp.serve { url in
            let directory = try TemporaryDirectory()
            let (gateway, database) = try Self.start(directory, sppURL: url, environment: ["TICKETGATE_SHUTDOWN_DRAIN": "8"])
            let port = try await gateway.listeningPort()
            #expect(try await Self.send(.GET, "/readyz", port: port) == 200)
            spp.hold()
            defer { spp.release() }
            let body = #"{"from":"jane@example.com","topic":"Held","body":"Answer when released."}"#
            let id = try await GatewayProcess.post(
                body, to: "website", port: port, headers: ["X-Signature": Signing.header(body, secret: GatewayHarness.secret)])
            // The delivery's first request is at SPP, unanswered.
            _ = try await spp.arrivals.first(within: .seconds(30)) { _ in true }
            gateway.signal(SIGTERM)
            _ = try await gateway.lines.first(within: .seconds(30)) { $0.contains("draining") }
            #expect(try await Self.send(.GET, "/readyz", port: port) == 503)
            // The drain is over and the server stops; the delivery at the vendor is still allowed to finish.
            _ = try await gateway.lines.first(within: .seconds(30)) { $0.contains("stopping: no new requests") }
            spp.release()
            #expect(try await gateway.exitStatus() == 0)

            #expect(spp.tickets.count == 1)
            #expect(spp.messages.count == 1)
            // The text log: `time level message key=value`, the message before its fields.
            let accepted = try #require(gateway.written.values.first { $0.contains(" event accepted ") })
            #expect(accepted.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} info event accepted( [a-z.]+=\S+)+/) != nil, "\(accepted)")
            #expect(accepted.contains("tg.event.id=\(id)"))
            let store = try SQLiteEventStore(path: database, serving: false)
            let report = try #require(try await store.report(for: EventID(rawValue: id)))
            #expect(report.deliveries.map(\.status) == [.delivered])
        }
    }

    /// Started, used and stopped by SIGTERM with nothing wrong, on either store, the gateway logs nothing above
    /// `notice`: an operator's alerting on warnings stays quiet.
    @Test(arguments: StoreKind.available)
    func aCleanStopLogsNothingAboveNotice(kind: StoreKind) async throws {
        let spp = FakeSPP(token: Self.sppToken)
        try await spp.serve { url in
            let directory = try TemporaryDirectory()
            var extra = ["--log-format", "json"]
            if kind == .postgres { extra += ["--database", try await PostgresServer.makeDatabase().url] }
            let (gateway, _) = try Self.start(directory, sppURL: url, extra: extra)
            let port = try await gateway.listeningPort()
            let body = #"{"from":"jane@example.com","topic":"Hello","body":"A clean day."}"#
            _ = try await GatewayProcess.post(
                body, to: "website", port: port, headers: ["X-Signature": Signing.header(body, secret: GatewayHarness.secret)])
            _ = try await gateway.lines.first(within: .seconds(30)) { $0.contains("delivery attempt finished") }
            gateway.signal(SIGTERM)
            #expect(try await gateway.exitStatus() == 0)
            let levels = try gateway.written.values.map { line in
                try #require(try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON: \(line)")["level"] as? String
            }
            let loud = zip(levels, gateway.written.values).filter { !["trace", "debug", "info", "notice"].contains($0.0 ?? "") }
            #expect(loud.isEmpty, "\(loud.map(\.1))")
        }
    }

    /// The body of a GET.
    static func text(_ path: String, port: Int) async throws -> String {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)"), timeout: .seconds(10))
        return String(buffer: try await response.body.collect(upTo: 1 << 20))
    }

    /// Sends a request and returns the status code.
    static func send(_ method: HTTPMethod, _ path: String, port: Int, body: String? = nil, headers: [String: String] = [:]) async throws -> UInt {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = method
        for (name, value) in headers {
            request.headers.add(name: name, value: value)
        }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        _ = try await response.body.collect(upTo: 1 << 20)
        return response.status.code
    }
}
