import Foundation
import Hummingbird
import NIOCore

/// Reads one request body into memory, at most `limit` bytes, holding the bytes that have arrived against the
/// body budget for as long as the request is being answered. A body's first `unbudgeted` bytes are not held
/// against it, so small events keep flowing while others fill the budget; what that leaves unbudgeted is at
/// most that much per open connection. Whatever goes wrong is a problem that closes the connection, so the rest
/// of a refused body is never read.
struct BodyReader {
    /// The bytes of each body not held against the budget.
    static let unbudgeted = 64 << 10

    let budget: BodyBudget
    let client: String
    let limit: Int
    /// The bytes this request holds of the budget.
    private(set) var reserved = 0

    init(budget: BodyBudget, client: String, limit: Int) {
        self.budget = budget
        self.client = client
        self.limit = limit
    }

    /// Holds what a body of `size` bytes takes of the budget, or throws `503` (the gateway's budget is spent) or
    /// `429` (this client's is).
    mutating func hold(_ size: Int, metrics: GatewayMetrics) throws(Problem) {
        let bytes = size - Self.unbudgeted
        guard bytes > reserved else { return }
        do {
            try budget.reserve(bytes - reserved, for: client)
        } catch {
            metrics.requestShed(reason: error == .server ? "body_budget" : "client_body_budget")
            throw Problem.bodyBudgetSpent(error).closingConnection
        }
        reserved = bytes
    }

    /// The whole body, or the problem that refuses it. `declared` is the length the request declared: the
    /// memory for the body grows with what arrives, up to it, and is never taken on its word alone.
    mutating func read(_ body: RequestBody, declared: Int?, metrics: GatewayMetrics) async throws(Problem) -> Data {
        var collected = Data()
        var capacity = 0
        do {
            for try await chunk in body {
                let size = collected.count + chunk.readableBytes
                guard size <= limit else { throw Problem.bodyTooLarge(limit: limit).closingConnection }
                try hold(size, metrics: metrics)
                if size > capacity {
                    // Doubling, up to the declared length: a body as long as it declared ends in a buffer of its size.
                    capacity = min(max(size, 2 * capacity), max(size, declared ?? limit))
                    collected.reserveCapacity(capacity)
                }
                chunk.withUnsafeReadableBytes { collected.append($0.assumingMemoryBound(to: UInt8.self)) }
            }
        } catch let problem as Problem {
            throw problem
        } catch {
            throw Problem(.badRequest, "malformed-request", title: "Malformed request", detail: "the request body could not be read as HTTP/1.1")
                .closingConnection
        }
        return collected
    }

    /// Gives the held bytes back to the budget.
    mutating func releaseReservation() {
        budget.release(reserved, for: client)
        reserved = 0
    }
}
