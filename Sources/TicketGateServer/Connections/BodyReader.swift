import Foundation
import Hummingbird
import NIOCore

/// Reads one request body into memory, at most `limit` bytes, holding its bytes against the body budget for
/// as long as the request is being answered: all at once for a declared `Content-Length`, chunk by chunk for
/// a chunked body. Whatever goes wrong is a problem that closes the connection, so the rest of a refused body
/// is never read.
struct BodyReader {
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

    /// Holds `bytes` of the budget in all, or throws `503` (the gateway's budget is spent) or `429` (this
    /// client's is).
    mutating func reserve(_ bytes: Int, metrics: GatewayMetrics) throws(Problem) {
        guard bytes > reserved else { return }
        do {
            try budget.reserve(bytes - reserved, for: client)
        } catch {
            metrics.requestShed(reason: error == .server ? "body_budget" : "client_body_budget")
            throw Problem.bodyBudgetSpent(error).closingConnection
        }
        reserved = bytes
    }

    /// The whole body, or the problem that refuses it.
    mutating func read(_ body: RequestBody, metrics: GatewayMetrics) async throws(Problem) -> Data {
        // A declared length is held already: the buffer is made that size once, not grown by copying.
        var collected = ByteBufferAllocator().buffer(capacity: reserved)
        do {
            for try await chunk in body {
                let size = collected.readableBytes + chunk.readableBytes
                guard size <= limit else { throw Problem.bodyTooLarge(limit: limit).closingConnection }
                try reserve(size, metrics: metrics)
                collected.writeImmutableBuffer(chunk)
            }
        } catch let problem as Problem {
            throw problem
        } catch {
            throw Problem(.badRequest, "malformed-request", title: "Malformed request", detail: "the request body could not be read as HTTP/1.1")
                .closingConnection
        }
        return Data(collected.readableBytesView)
    }

    /// Gives the held bytes back to the budget.
    mutating func releaseReservation() {
        budget.release(reserved, for: client)
        reserved = 0
    }
}
