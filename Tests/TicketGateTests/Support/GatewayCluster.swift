import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TicketGateCore
import TicketGateServer
import TicketGateStorePostgres

/// `ticketgate serve` instances as child processes on one new PostgreSQL database, sharing one rules
/// directory, each on its own free port, with a short lease so a killed instance's deliveries move on quickly.
struct GatewayCluster: Sendable {
    static let adminToken = "cluster-admin-token-0123456789"
    /// The lease the instances run with (`TICKETGATE_DELIVERY_LEASE`), in seconds.
    static let leaseSeconds = 3

    let directory: TemporaryDirectory
    let database: PostgresLocation
    let rulesDirectory: String
    let environment: [String: String]

    init(rules: String, environment: [String: String] = TestRules.environment) async throws {
        directory = try TemporaryDirectory()
        rulesDirectory = (try directory.write("rules/rules.yml", rules) as NSString).deletingLastPathComponent
        database = try await PostgresServer.makeDatabase()
        self.environment = environment.merging(
            ["TICKETGATE_DELIVERY_LEASE": "\(Self.leaseSeconds)", "TICKETGATE_ADMIN_TOKEN": Self.adminToken]) { _, cluster in cluster }
    }

    /// Starts one more instance; returns it with its port once it listens.
    func start() async throws -> (process: GatewayProcess, port: Int) {
        let process = try GatewayProcess(
            arguments: ["serve", "--rules", rulesDirectory, "--database", database.description, "--port", "0"], environment: environment)
        return (process, try await process.listeningPort())
    }

    /// A store on the cluster's database, to read what the instances stored.
    func withStore<T: Sendable>(_ body: (PostgresEventStore) async throws -> T) async throws -> T {
        let store = try await PostgresEventStore(location: database, maximumConnections: 2, logger: .init(label: "cluster-test"))
        return try await store.whileRunning { try await body(store) }
    }

    /// Posts a signed form to `/hooks/website` at `port`; returns the status and the event id answered.
    static func post(_ body: String, port: Int) async throws -> (status: Int, id: String) {
        try await GatewayProcess.send(body, to: "website", port: port, headers: ["X-Signature": Signing.header(body, secret: GatewayHarness.secret)])
    }

    /// Calls the admin API of the instance at `port`.
    static func admin<Answer: Decodable>(_ method: HTTPMethod, _ path: String, port: Int, as type: Answer.Type) async throws -> Answer {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(adminToken)")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let answer = try await response.body.collect(upTo: 1 << 20)
        guard response.status.code == 200 else { throw HarnessError("\(path) answered \(response.status.code): \(String(buffer: answer))") }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(Answer.self, from: Data(answer.readableBytesView))
    }
}
