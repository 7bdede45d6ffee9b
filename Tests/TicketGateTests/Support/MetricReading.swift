import HummingbirdTesting
import NIOCore

extension TestClientProtocol {
    /// The value of one series in `/metrics` (`name` or `name{labels}` as the exposition writes it), read again
    /// until `predicate` holds for it; a series not there yet reads as 0. Each read is a request answered by the
    /// gateway, so this waits for what the gateway reports, not for time to pass.
    @discardableResult
    func metric(_ series: String, until predicate: @escaping @Sendable (Double) -> Bool) async throws -> Double {
        try await withTimeout { [self] in
            while true {
                let text = String(buffer: try await execute(uri: "/metrics", method: .get).body)
                let value = text.split(separator: "\n").first { $0.hasPrefix(series + " ") }.flatMap { Double($0.dropFirst(series.count + 1)) } ?? 0
                if predicate(value) { return value }
            }
        }
    }
}
