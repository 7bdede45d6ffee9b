import Hummingbird
import HummingbirdTesting
import Logging

extension FakeVendor {
    /// Runs the fake on a free loopback port for the duration of `body`, passing its base URL.
    func serve<T: Sendable>(_ body: @escaping @Sendable (_ baseURL: String) async throws -> T) async throws -> T {
        var logger = Logger(label: "fake-vendor")
        logger.logLevel = .warning
        let app = Application(router: router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: logger)
        return try await app.test(.live) { client in
            try await body("http://127.0.0.1:\(client.port ?? 0)")
        }
    }
}
