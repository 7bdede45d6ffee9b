import Foundation
import Hummingbird
import Synchronization

/// An SPP-shaped server for the delivery benchmark: answers the three calls of a delivery at once, with the
/// smallest bodies the SPP client reads, and counts them. It checks nothing; the tests' FakeSPP does.
final class BenchVendor: Sendable {
    private let counter = Atomic<Int>(0)

    var requests: Int { counter.load(ordering: .relaxed) }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/api/clients") { request, _ in
            // Every customer exists already: the client the lookup asks for is found.
            let query = URLComponents(string: "http://vendor" + request.uri.description)?.queryItems ?? []
            let email = query.first { $0.name == "filters[email][$eq]" }?.value ?? ""
            return self.answer(200, #"{"data":[{"id":7,"email":"\#(email)"}]}"#)
        }
        router.post("/api/clients") { request, _ in
            _ = try await request.body.collect(upTo: 1 << 20)
            return self.answer(201, #"{"id":7}"#)
        }
        router.post("/api/tickets") { request, _ in
            _ = try await request.body.collect(upTo: 1 << 20)
            return self.answer(201, #"{"id":\#(self.requests)}"#)
        }
        router.post("/api/ticket_messages/{ticket}") { request, _ in
            _ = try await request.body.collect(upTo: 1 << 20)
            return self.answer(201, #"{"id":\#(self.requests)}"#)
        }
        return router
    }

    private func answer(_ status: Int, _ json: String) -> Response {
        counter.add(1, ordering: .relaxed)
        return Response(
            status: .init(code: status), headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: json)))
    }
}
